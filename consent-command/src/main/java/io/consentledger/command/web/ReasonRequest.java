package io.consentledger.command.web;

import io.consentledger.api.FieldRules;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** The optional body of retiring a purpose or ending a legal basis: why. */
public record ReasonRequest(
        @Schema(description = "Why, in your words", example = "Campaign ended") @Size(max = FieldRules.REASON_MAX)
        String reason) {

    public static final ReasonRequest EMPTY = new ReasonRequest(null);
}
