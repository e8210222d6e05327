package io.consentledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.util.function.SingletonSupplier;

/**
 * Axon's Jackson event serializer with the personal data encrypted: every {@code PersonalData} value of an event is
 * written as {@code {"encrypted": "…"}} under the key of the event's data subject, and read back in clear — or as
 * {@code null} once that contact was erased. Everything else (ids, purposes, legal bases, times) stays plain JSON,
 * and classes without personal data pass straight through.
 */
class PersonalDataSerializer implements Serializer {

    static final String ENCRYPTED = "encrypted";

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final Supplier<ContactKeys> keys;

    /**
     * {@code keys} is looked up on first use, once: the serializer is made long before the database is ready, and a
     * bean lookup for every value would cost more than its encryption.
     */
    PersonalDataSerializer(JacksonSerializer delegate, Supplier<ContactKeys> keys) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.keys = SingletonSupplier.of(keys);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<PersonalDataShape> shape = object == null ? Optional.empty() : PersonalDataShape.of(object.getClass());
        if (shape.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        String contactId = tree.path(shape.get().subject()).asText(null);
        if (contactId == null) {
            throw new SerializationException(object.getClass().getSimpleName() + " names no data subject");
        }
        for (List<String> path : shape.get().paths()) {
            transform(
                    tree,
                    path,
                    value -> value.isTextual()
                            ? mapper.createObjectNode()
                                    .put(ENCRYPTED, keys.get().encrypt(contactId, value.asText()))
                            : value);
        }
        try {
            SerializedObject<byte[]> serialized = new SimpleSerializedObject<>(
                    mapper.writeValueAsBytes(tree), byte[].class, delegate.typeForClass(object.getClass()));
            return delegate.getConverter().convert(serialized, expectedRepresentation);
        } catch (IOException e) {
            throw new SerializationException("Cannot write " + object.getClass().getSimpleName(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> stored) {
        SerializedObject<S> serialized = underTodaysName(stored);
        Class<?> type = delegate.classForType(serialized.getType());
        Optional<PersonalDataShape> shape = PersonalDataShape.of(type);
        if (shape.isEmpty()) {
            return delegate.deserialize(serialized);
        }
        try {
            byte[] bytes =
                    delegate.getConverter().convert(serialized.getData(), serialized.getContentType(), byte[].class);
            JsonNode tree = mapper.readTree(bytes);
            String contactId = tree.path(shape.get().subject()).asText(null);
            for (List<String> path : shape.get().paths()) {
                transform(tree, path, value -> opened(contactId, value));
            }
            return (T) mapper.treeToValue(tree, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.getSimpleName(), e);
        }
    }

    /** The clear value of an encrypted one; {@code null} when its key is gone. Plain values pass unchanged. */
    private JsonNode opened(String contactId, JsonNode value) {
        if (value.getNodeType() != JsonNodeType.OBJECT || !value.has(ENCRYPTED) || contactId == null) {
            return value;
        }
        return keys.get()
                .decrypt(contactId, value.get(ENCRYPTED).asText())
                .<JsonNode>map(TextNode::valueOf)
                .orElse(NullNode.getInstance());
    }

    /** Replaces the value at a path of property names, where the whole path is present. */
    private static void transform(JsonNode tree, List<String> path, UnaryOperator<JsonNode> change) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = parent.path(path.get(i));
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && object.hasNonNull(last)) {
            object.set(last, change.apply(object.get(last)));
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        Class<?> renamed = EarlierEventNames.CLASSES.get(type.getName());
        return renamed != null ? renamed : delegate.classForType(type);
    }

    /** An event stored under an earlier name of its class, as today's class (same shape, same revision). */
    private static <S> SerializedObject<S> underTodaysName(SerializedObject<S> stored) {
        Class<?> renamed = EarlierEventNames.CLASSES.get(stored.getType().getName());
        if (renamed == null) {
            return stored;
        }
        return new SimpleSerializedObject<>(
                stored.getData(),
                stored.getContentType(),
                new SimpleSerializedType(renamed.getName(), stored.getType().getRevision()));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
