package io.consentledger.app.security;

import io.consentledger.app.web.ProblemResponses;
import io.consentledger.command.InstallationSecrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * HTTP Basic for the API and the metrics, form login for the back office, with the roles of {@link Role}; users from
 * {@code consent.security.users}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The package of the back office's controllers. */
    private static final String BACK_OFFICE = "io.consentledger.app.ui";

    /**
     * Spring Security's own observations (each filter, authentication, authorization) follow the other per-request
     * observations: off unless {@code management.observations.enable.all=true}, for what they cost every request.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.all", havingValue = "false", matchIfMissing = true)
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(
            SecuritySettings settings,
            PasswordEncoder passwordEncoder,
            InstallationSecrets secrets,
            @Value("${consent.data-dir:./data}") Path dataDir) {
        List<SecuritySettings.User> users = settings.users().isEmpty()
                ? List.of(InitialAdmin.load(secrets, dataDir, passwordEncoder))
                : settings.users();
        return new InMemoryUserDetailsManager(users.stream()
                .map(user -> (UserDetails) User.withUsername(user.username())
                        .password(user.password())
                        .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwordEncoder);
        return new CachingAuthenticationManager(new ProviderManager(provider));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            ProblemResponses problems,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws Exception {
        serviceAccounts(http.securityMatcher(HandlerRoles.API + "**"), authenticationManager, problems)
                // Each endpoint names its roles with @RolesAllowed next to its handler.
                .authorizeHttpRequests(requests -> requests.anyRequest().access(HandlerRoles.api(mappings)));
        return http.build();
    }

    /**
     * HTTP Basic for service accounts, with the API's problems for 401 and 403. They send credentials on every request
     * and no cookies: CSRF does not apply, and there is no session to save a request in or an anonymous user to stand
     * in for.
     */
    private static HttpSecurity serviceAccounts(
            HttpSecurity http, AuthenticationManager authenticationManager, ProblemResponses problems)
            throws Exception {
        return http.authenticationManager(authenticationManager)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The actuator's endpoints other than health (which {@link #publicSecurity} opens): HTTP Basic like the API, with
     * its problems. The metrics are for ADMIN and for the monitoring's own credential (METRICS), which may read
     * nothing else; anything else exposed there is ADMIN's.
     */
    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurity(
            HttpSecurity http, AuthenticationManager authenticationManager, ProblemResponses problems)
            throws Exception {
        // A scraper sends credentials on every request and no cookies, as the API's service accounts do.
        serviceAccounts(http.securityMatcher("/actuator/**"), authenticationManager, problems)
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasAnyRole(Role.ADMIN.name(), Role.METRICS.name())
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()));
        return http.build();
    }

    /**
     * The personal profile pages: no login (the link is the credential), plain forms protected against CSRF, no
     * referrer leaves the page.
     */
    @Bean
    @Order(4)
    SecurityFilterChain profilePages(HttpSecurity http) throws Exception {
        http.securityMatcher("/privacy/**")
                // The link is the only credential here: a back-office sign-in in the same browser must not make a
                // staff member the actor of the person's own choices.
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .anonymous(anonymous -> anonymous.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.referrerPolicy(
                        policy -> policy.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The back office for people: form login with the same users and roles as the API, a session (with its timeout
     * from {@code server.servlet.session.timeout}), CSRF protection on every form, and logout. Only INTEGRATOR and
     * ADMIN may change a contact's ledger; the settings and rebuilds are ADMIN's, the auditor's view is AUDITOR's.
     */
    @Bean
    @Order(5)
    SecurityFilterChain backOffice(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws Exception {
        http.authenticationManager(authenticationManager)
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .permitAll())
                // A form posted after the session ended carries a token of that session: sign in again, not "403".
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new DelegatingAccessDeniedHandler(
                        new LinkedHashMap<>(Map.of(
                                CsrfException.class,
                                (request, response, denied) ->
                                        response.sendRedirect(request.getContextPath() + "/login?expired"))),
                        new AccessDeniedHandlerImpl())))
                // Static files and the error page are open; each page names its roles with @RolesAllowed next to its
                // handler.
                .authorizeHttpRequests(requests -> requests.requestMatchers("/error", "/ui/**", "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .access(HandlerRoles.backOffice(mappings, BACK_OFFICE)));
        return http.build();
    }
}
