package io.consentledger.app.support;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether browser tests run; see {@link EnabledIfBrowser}. */
class BrowserCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: browser tests always run");
        }
        if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and its driver are installed");
        }
        return ConditionEvaluationResult.disabled("No " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                + ": apt-get install -y chromium chromium-driver (or set CI=true to fail instead)");
    }
}
