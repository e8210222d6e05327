package io.consentledger.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a projection's dead letters, by sequence and then in the order they must be processed. */
public record DeadLetterPage(
        @Schema(description = "The projection the dead letters belong to", example = "legal-basis")
        String projection,

        @Schema(description = "The page number, from 0", example = "0")
        int page,

        @Schema(description = "Dead letters per page", example = "50")
        int size,

        @Schema(description = "How many dead letters the projection holds", example = "1")
        long totalElements,

        @Schema(description = "The dead letters on this page, by contact and then in the order they must be processed")
        List<DeadLetterView> items) {}
