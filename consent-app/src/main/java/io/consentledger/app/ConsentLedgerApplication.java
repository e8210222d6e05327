package io.consentledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Consent Ledger: the command side, the read side and their HTTP API in one service. */
@SpringBootApplication(scanBasePackages = "io.consentledger")
@ConfigurationPropertiesScan("io.consentledger")
public class ConsentLedgerApplication {

    private static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // A consent ledger does not phone home unless its operator asks it to.
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(ConsentLedgerApplication.class, args);
    }
}
