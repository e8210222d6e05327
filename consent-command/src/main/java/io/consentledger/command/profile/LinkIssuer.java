package io.consentledger.command.profile;

import io.consentledger.api.LedgerMetadata;
import java.util.Arrays;
import java.util.Map;

/**
 * Who a profile link is from: the ledger, emailed to the person's own mailbox ({@link Kind#MAILBOX}); a staff member
 * who issued it through the API or the back office ({@link Kind#STAFF}, with their principal and roles); or unknown,
 * for links sealed before links carried their issuer ({@link Kind#UNKNOWN}: emailed or issued, nobody can tell).
 *
 * @param kind where the link comes from
 * @param principal the staff member who issued it; {@code null} unless {@link Kind#STAFF}
 * @param roles that staff member's roles when they issued it, comma-separated; {@code null} unless {@link Kind#STAFF}
 */
public record LinkIssuer(Kind kind, String principal, String roles) {

    /** Where a link comes from. */
    public enum Kind {
        MAILBOX,
        STAFF,
        UNKNOWN
    }

    /** The value of {@link LedgerMetadata#LINK_ISSUER_ROLE} on acts done through a link of unknown origin. */
    public static final String UNKNOWN_ROLE = "UNKNOWN";

    public static final LinkIssuer MAILBOX = new LinkIssuer(Kind.MAILBOX, null, null);
    public static final LinkIssuer UNKNOWN = new LinkIssuer(Kind.UNKNOWN, null, null);

    /** A link a staff member issued. */
    public static LinkIssuer staff(String principal, String roles) {
        return new LinkIssuer(Kind.STAFF, principal, roles);
    }

    /** Whether the staff member who issued the link had the role then. */
    public boolean hadRole(String role) {
        return kind == Kind.STAFF
                && roles != null
                && Arrays.asList(roles.split(",")).contains(role);
    }

    /**
     * What acts done through the link carry next to the data subject as actor: nothing for the person's own link, the
     * issuer and their roles for a staff member's, the role {@value #UNKNOWN_ROLE} for a link of unknown origin.
     */
    public Map<String, String> metaData() {
        return switch (kind) {
            case MAILBOX -> Map.of();
            case STAFF -> Map.of(LedgerMetadata.LINK_ISSUED_BY, principal, LedgerMetadata.LINK_ISSUER_ROLE, roles);
            case UNKNOWN -> Map.of(LedgerMetadata.LINK_ISSUER_ROLE, UNKNOWN_ROLE);
        };
    }
}
