package io.consentledger.command.source;

import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.NAME_MAX;

import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of defining a source; {@code sendConfirmation} defaults to false, {@code confirmationTemplate} to the
 * standard email.
 */
record DefineSourceRequest(
        @NotBlank @Slug String sourceId,

        @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

        @Size(max = DESCRIPTION_MAX) String description,
        Boolean sendConfirmation,

        @Slug String confirmationTemplate) {}
