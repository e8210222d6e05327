package io.consentledger.app;

import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@EnabledIfPostgres
class ConfirmationEmailRestartOnPostgresTest extends ConfirmationEmailRestartContract {

    ConfirmationEmailRestartOnPostgresTest() throws IOException {}

    private final String dataDir =
            Files.createTempDirectory("consent-ledger-restart").toString();

    private final String schema = "r_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    @Override
    List<String> databaseArguments() {
        String url = TestDatabases.urlOf(schema);
        return List.of(
                "--consent.data-dir=" + dataDir,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema);
    }
}
