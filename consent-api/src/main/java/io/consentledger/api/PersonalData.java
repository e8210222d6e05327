package io.consentledger.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event component that holds personal data of the event's {@link DataSubject}: it is stored encrypted with
 * that person's key, and unreadable for good once the person is erased (crypto-shredding, GDPR Art. 17). A
 * component of a record type is searched for marked components of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {}
