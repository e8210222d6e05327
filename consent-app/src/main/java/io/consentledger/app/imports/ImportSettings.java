package io.consentledger.app.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How imports are received and processed.
 *
 * @param maxFileSize the largest file taken; a larger one is refused with 413 while it is read
 * @param chunkSize the rows processed in one transaction of the import's processor
 * @param errorsShown how many refused rows {@code GET /api/v1/imports/{id}} shows (errors.csv has them all)
 */
@ConfigurationProperties("consent.imports")
public record ImportSettings(
        @DefaultValue("2GB") DataSize maxFileSize,
        @DefaultValue("500") int chunkSize,
        @DefaultValue("20") int errorsShown) {}
