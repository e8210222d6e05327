package io.consentledger.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A value in a request body that is well-formed JSON of the right type but that the ledger cannot store and read back
 * exactly (a control character, a time out of range); its message says what the field must be.
 */
public class RefusedValue extends MismatchedInputException {

    public RefusedValue(JsonParser parser, String message, Class<?> targetType) {
        super(parser, message, targetType);
    }
}
