package io.consentledger.command.source;

import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.SLUG;
import static io.consentledger.api.FieldRules.SLUG_MESSAGE;

import io.consentledger.api.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of defining a source; {@code sendConfirmation} defaults to false, {@code confirmationTemplate} to the
 * standard email.
 */
record DefineSourceRequest(
        @NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        String sourceId,

        @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

        @Size(max = DESCRIPTION_MAX) String description,
        Boolean sendConfirmation,

        @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String confirmationTemplate) {}
