package io.consentledger.app.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users of the service, from configuration ({@code consent.security.users}).
 *
 * @param users service accounts and people; the password in any form of Spring's DelegatingPasswordEncoder
 */
@ConfigurationProperties("consent.security")
public record SecuritySettings(List<User> users) {

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One user: name, encoded password and roles. */
    public record User(String username, String password, Set<Role> roles) {}
}
