package io.consentledger.app;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

class ConfirmationEmailRestartOnH2Test extends ConfirmationEmailRestartContract {

    private final String dataDir;

    ConfirmationEmailRestartOnH2Test() throws IOException {
        dataDir = Files.createTempDirectory("consent-ledger-restart").toString();
    }

    @Override
    List<String> databaseArguments() {
        return List.of("--consent.data-dir=" + dataDir);
    }
}
