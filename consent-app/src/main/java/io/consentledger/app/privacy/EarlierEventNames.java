package io.consentledger.app.privacy;

import io.consentledger.api.contact.ContactErased;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Event types stored under an earlier name of their class. Events are immutable, so the event store, the dead-letter
 * queue and backups keep the name they were written with; they are read as the class of today (see docs/glossary.md).
 */
final class EarlierEventNames {

    /** Earlier class name → the class of today. */
    static final Map<String, Class<?>> CLASSES =
            Map.of("io.consentledger.api.contact.ContactForgotten", ContactErased.class);

    private EarlierEventNames() {}

    /** Every name events of this class may be stored under: today's and the earlier ones. */
    static Set<String> storedNamesOf(Class<?> type) {
        Set<String> names = new TreeSet<>();
        names.add(type.getName());
        CLASSES.forEach((earlier, today) -> {
            if (today.equals(type)) {
                names.add(earlier);
            }
        });
        return names;
    }
}
