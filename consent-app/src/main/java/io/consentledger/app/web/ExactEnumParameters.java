package io.consentledger.app.web;

import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.LegalBasis;
import java.beans.PropertyEditorSupport;
import java.util.List;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Enum codes in paths and query parameters by their exact name. Spring trims an enum parameter and takes what is left
 * empty as no value even after its conversion failed, so {@code ?change=%00} silently meant "no filter" and a
 * legal-basis code of {@code %20} reached the controller as null; an editor of our own is asked first.
 */
@ControllerAdvice
class ExactEnumParameters {

    private static final List<Class<? extends Enum<?>>> CODES = List.of(Change.class, LegalBasis.class);

    @InitBinder
    void exactNames(WebDataBinder binder) {
        for (Class<? extends Enum<?>> type : CODES) {
            binder.registerCustomEditor(type, new ExactName(type));
        }
    }

    /** An empty parameter is no value; anything else must be a constant's name exactly. */
    private static final class ExactName extends PropertyEditorSupport {

        private final Class<? extends Enum<?>> type;

        ExactName(Class<? extends Enum<?>> type) {
            this.type = type;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                setValue(null);
                return;
            }
            for (Enum<?> constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    setValue(constant);
                    return;
                }
            }
            throw new IllegalArgumentException("not a code of " + type.getSimpleName());
        }
    }
}
