package io.consentledger.app.privacy;

import io.consentledger.api.contact.ContactErased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Deletes an erased contact's key. Its processing group is a subscribing processor, so the key goes in the very
 * transaction that stores {@code ContactErased}: no acknowledged erasure leaves a key behind.
 */
@Component
@ProcessingGroup(ContactKeyEraser.PROCESSING_GROUP)
class ContactKeyEraser {

    static final String PROCESSING_GROUP = "contact-keys";

    private final ContactKeys keys;

    ContactKeyEraser(ContactKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(ContactErased event) {
        keys.erase(event.contactId());
    }
}
