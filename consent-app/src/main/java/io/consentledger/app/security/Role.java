package io.consentledger.app.security;

import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The roles of Consent Ledger's users. */
public enum Role {
    /** Defines purposes and sources. */
    ADMIN,
    /** Registers contacts and records consents and legal bases. */
    INTEGRATOR,
    /** Reads everything. */
    AUDITOR,
    /** Scrapes the operators' metrics ({@code /actuator/prometheus}) and nothing else: the monitoring's credential. */
    METRICS;

    private static final String PREFIX = "ROLE_";

    /** The roles of a signed-in user as the ledger records them: without Spring's prefix, sorted, comma-separated. */
    public static String codesOf(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.startsWith(PREFIX) ? authority.substring(PREFIX.length()) : authority)
                .sorted()
                .collect(Collectors.joining(","));
    }
}
