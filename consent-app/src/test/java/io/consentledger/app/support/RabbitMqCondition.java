package io.consentledger.app.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether RabbitMQ tests run; see {@link EnabledIfRabbitMq}. */
class RabbitMqCondition implements ExecutionCondition {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: RabbitMQ tests always run");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
            return ConditionEvaluationResult.enabled("RabbitMQ answers at " + HOST + ":" + PORT);
        } catch (IOException e) {
            return ConditionEvaluationResult.disabled("No RabbitMQ at " + HOST + ":" + PORT + " (" + e.getMessage()
                    + "); start it with rabbitmq-server -detached, or set CI=true to fail instead");
        }
    }
}
