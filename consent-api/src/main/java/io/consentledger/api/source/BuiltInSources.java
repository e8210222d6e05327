package io.consentledger.api.source;

import java.util.Set;

/**
 * The sources the ledger records from by itself, which therefore can never be retired: without them a person could no
 * longer withdraw, object or give consent on their own profile page (Art. 7(3)).
 */
public final class BuiltInSources {

    /** The person's own changes on their personal profile page. */
    public static final String PROFILE_PAGE = "profile-page";

    /** Every built-in source. */
    public static final Set<String> ALL = Set.of(PROFILE_PAGE);

    private BuiltInSources() {}

    /** Whether the ledger itself records from this source. */
    public static boolean isBuiltIn(String sourceId) {
        return ALL.contains(sourceId);
    }
}
