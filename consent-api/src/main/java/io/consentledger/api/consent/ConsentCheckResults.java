package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer to {@link CheckConsents}: one result per contact id asked, in the order asked (repeats included). */
public record ConsentCheckResults(
        @ArraySchema(
                arraySchema = @Schema(description = "One result per contact id asked, in the order asked"),
                schema = @Schema(implementation = ConsentCheckResult.class))
        List<ConsentCheckResult> results) {}
