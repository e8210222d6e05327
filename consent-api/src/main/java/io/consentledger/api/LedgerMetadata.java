package io.consentledger.api;

import java.util.Map;

/**
 * The metadata keys the server puts on every command and, through correlation, on every event (next to Axon's own
 * {@code correlationId} and {@code traceId}).
 */
public final class LedgerMetadata {

    /** The authenticated principal that caused the change. */
    public static final String ACTOR = "actor";
    /** The roles of that principal, comma-separated. */
    public static final String ACTOR_ROLE = "actorRole";
    /** One of the {@link Channel} codes. */
    public static final String CHANNEL = "channel";
    /**
     * On acts a data subject did through a profile link a staff member issued: that staff member. Absent on acts done
     * through the link emailed to the person's own mailbox.
     */
    public static final String LINK_ISSUED_BY = "linkIssuedBy";
    /** The roles of {@link #LINK_ISSUED_BY} when they issued the link; {@code UNKNOWN} for a link of unknown origin. */
    public static final String LINK_ISSUER_ROLE = "linkIssuerRole";

    /** The metadata of what the ledger does by itself: seeding, lapsing a consent that was never confirmed. */
    public static final Map<String, String> SYSTEM =
            Map.of(ACTOR, "system", ACTOR_ROLE, "SYSTEM", CHANNEL, Channel.SYSTEM.code());

    private LedgerMetadata() {}
}
