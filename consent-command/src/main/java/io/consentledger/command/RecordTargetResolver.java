package io.consentledger.command;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the target aggregate of a command record: the component annotated with {@link TargetAggregateIdentifier},
 * looked up once per command type. Axon's default resolver inspects the annotations of every command it routes,
 * which cost about 6 % of the write path. The identifier is put after the resolver's stream prefix (see
 * {@link io.consentledger.api.StreamIds}).
 */
public final class RecordTargetResolver implements CommandTargetResolver {

    private final String streamPrefix;

    /** Targets in the stream named by the prefix and the command's id, e.g. {@code purpose/e-marketing}. */
    public RecordTargetResolver(String streamPrefix) {
        this.streamPrefix = streamPrefix;
    }

    private static final ClassValue<RecordComponent> TARGETS = new ClassValue<>() {
        @Override
        protected RecordComponent computeValue(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            return Arrays.stream(type.getRecordComponents())
                    // The annotation targets fields and methods: on a record it lands on the accessor.
                    .filter(component -> component.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            type.getName() + " has no @TargetAggregateIdentifier component"));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(@Nonnull CommandMessage<?> command) {
        Object payload = command.getPayload();
        try {
            Object id = TARGETS.get(payload.getClass()).getAccessor().invoke(payload);
            if (id == null) {
                throw new IllegalArgumentException(payload.getClass().getSimpleName() + " names no target aggregate");
            }
            return new VersionedAggregateIdentifier(streamPrefix + id, null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "Cannot read the target of " + payload.getClass().getName(), e);
        }
    }
}
