package io.consentledger.app.retention;

import java.util.List;

/**
 * What a bulk erasure would do, answered by a dry run; nothing is recorded.
 *
 * @param dryRun always true: nothing was erased
 * @param allOverdue whether it was asked for every overdue contact
 * @param total how many contacts would be erased
 * @param contactIds the contacts that would be erased, in contact id order for every overdue contact, else as named
 * @param alreadyErased named contacts that are erased already (erasing them again changes nothing)
 * @param unknown named contacts that are not registered (the job would count them as failed)
 */
public record ErasurePlan(
        boolean dryRun,
        boolean allOverdue,
        int total,
        List<String> contactIds,
        List<String> alreadyErased,
        List<String> unknown) {}
