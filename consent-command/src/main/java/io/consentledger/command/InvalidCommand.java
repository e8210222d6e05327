package io.consentledger.command;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A command whose field breaks a rule that only the server can check (time, cross-field rules). */
public class InvalidCommand extends Rejection {

    public InvalidCommand(String field, String detail) {
        super(RejectionKind.INVALID_REQUEST, detail, field);
    }
}
