package io.consentledger.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether PostgreSQL tests run; see {@link EnabledIfPostgres}. */
class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests always run");
        }
        try (Connection ignored =
                DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + TestDatabases.PG_URL);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled("No PostgreSQL at " + TestDatabases.PG_URL + " (" + e.getMessage()
                    + "); set CI=true to fail instead");
        }
    }
}
