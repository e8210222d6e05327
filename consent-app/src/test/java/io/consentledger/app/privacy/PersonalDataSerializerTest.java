package io.consentledger.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.contact.ContactErased;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class PersonalDataSerializerTest {

    /** An erasure carries no personal data: the contact keys are never asked for. */
    private final PersonalDataSerializer serializer =
            new PersonalDataSerializer(JacksonSerializer.defaultSerializer(), () -> {
                throw new AssertionError("no personal data to open");
            });

    @Test
    void readsAnErasureStoredUnderTheEventsEarlierName() {
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(
                "{\"contactId\":\"crm-1\"}".getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType("io.consentledger.api.contact.ContactForgotten", "1"));

        assertThat(serializer.classForType(stored.getType())).isEqualTo(ContactErased.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new ContactErased("crm-1"));
    }

    @Test
    void writesAnErasureUnderTodaysName() {
        SerializedObject<byte[]> written = serializer.serialize(new ContactErased("crm-1"), byte[].class);

        assertThat(written.getType().getName()).isEqualTo(ContactErased.class.getName());
        assertThat((Object) serializer.deserialize(written)).isEqualTo(new ContactErased("crm-1"));
    }

    @Test
    void knowsEveryNameAnErasureIsStoredUnder() {
        assertThat(EarlierEventNames.storedNamesOf(ContactErased.class))
                .containsExactlyInAnyOrder(
                        "io.consentledger.api.contact.ContactErased", "io.consentledger.api.contact.ContactForgotten");
    }
}
