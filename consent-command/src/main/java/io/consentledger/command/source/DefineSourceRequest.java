package io.consentledger.command.source;

import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.NAME_MAX;

import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of defining a source; {@code sendConfirmation} defaults to false, {@code confirmationTemplate} to the
 * standard email.
 */
record DefineSourceRequest(
        @Schema(description = "The source's id", example = "web-form") @NotBlank @Slug
        String sourceId,

        @Schema(description = "The source's name as people read it", example = "Web form")
        @NotBlank
        @Size(max = NAME_MAX)
        @SingleLine
        String name,

        @Schema(description = "What the source is", example = "The signup forms on our website")
        @Size(max = DESCRIPTION_MAX)
        String description,

        @Schema(
                description = "Whether contacts registered from here get a confirmation email; false when left out",
                example = "true")
        Boolean sendConfirmation,

        @Schema(
                description = "The email template of that confirmation; the standard one when left out",
                example = "web-form")
        @Slug
        String confirmationTemplate) {}
