package io.consentledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

class ReadModelsTest {

    @Test
    void everyQueryTheReadSideAnswersHasTheReadModelThatAnswersIt() throws Exception {
        List<Method> handlers = queryHandlers();
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(13);
        for (Method handler : handlers) {
            Class<?> query = handler.getParameterTypes()[0];
            String readModel = ReadModels.answering(query);
            ProcessingGroup projection = handler.getDeclaringClass().getAnnotation(ProcessingGroup.class);
            if (projection != null) {
                assertThat(readModel)
                        .as("%s is answered by %s", query.getSimpleName(), handler.getDeclaringClass())
                        .isEqualTo(projection.value());
            }
            assertThat(ReadModels.ALL).contains(readModel);
        }
    }

    @Test
    void aQueryNoReadModelAnswersIsAMistake() {
        assertThatThrownBy(() -> ReadModels.answering(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Method> queryHandlers() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        List<Method> handlers = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.consentledger.query")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                if (method.isAnnotationPresent(QueryHandler.class)) {
                    handlers.add(method);
                }
            }
        }
        return handlers;
    }
}
