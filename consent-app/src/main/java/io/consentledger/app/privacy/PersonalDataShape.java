package io.consentledger.app.privacy;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an event record keeps personal data: the {@link DataSubject} component, and the paths (JSON property names)
 * of its {@link PersonalData} components, nested records included. Read once per class by reflection.
 *
 * @param subject the property naming the contact
 * @param paths each personal property as the list of property names leading to it
 */
record PersonalDataShape(String subject, List<List<String>> paths) {

    private static final Map<Class<?>, Optional<PersonalDataShape>> SHAPES = new ConcurrentHashMap<>();

    /** The shape of a class, or empty when it holds no personal data of a data subject. */
    static Optional<PersonalDataShape> of(Class<?> type) {
        return SHAPES.computeIfAbsent(type, PersonalDataShape::read);
    }

    private static Optional<PersonalDataShape> read(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
        }
        List<List<String>> paths = new ArrayList<>();
        collect(type, List.of(), paths);
        if (subject == null || paths.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonalDataShape(subject, List.copyOf(paths)));
    }

    private static void collect(Class<?> type, List<String> prefix, List<List<String>> paths) {
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(component.getName());
            if (component.getType().isRecord()) {
                collect(component.getType(), path, paths);
            } else if (component.isAnnotationPresent(PersonalData.class)) {
                paths.add(List.copyOf(path));
            }
        }
    }
}
