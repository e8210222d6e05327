package io.consentledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ValueFreeFailureTest {

    @Test
    void keepsTheClassesSqlStatesAndStackTracesOfTheChainButNoMessage() {
        SQLException database = new SQLException(
                "null value in column \"email\" violates not-null constraint; Failing row contains (ann@example.com)",
                "23502");
        IllegalStateException failure = new IllegalStateException("Could not store Ann Smith", database);

        ValueFreeFailure logged = ValueFreeFailure.of(failure);

        assertThat(logged.getMessage()).isEqualTo("java.lang.IllegalStateException");
        assertThat(logged.getCause().getMessage()).isEqualTo("java.sql.SQLException (SQLState 23502)");
        assertThat(logged.getCause().getCause()).isNull();
        assertThat(logged.getStackTrace()).isEqualTo(failure.getStackTrace());
        StringWriter printed = new StringWriter();
        logged.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains("ValueFreeFailureTest")
                .doesNotContain("ann@example.com")
                .doesNotContain("Ann Smith");
    }
}
