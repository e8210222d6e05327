package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics docs/grafana/consent-ledger.json asks Prometheus for, by the dashboard's row (its variables under
 * {@link #VARIABLES}). Some rows need a service configured for them: the RabbitMQ row's metrics exist only with
 * publishing on, so the test of a context with publishing on checks them, and the others in the default context.
 */
public final class GrafanaDashboard {

    /** The dashboard's variables' queries, which precede every row. */
    public static final String VARIABLES = "(variables)";

    /** The row whose metrics exist only with {@code consent.amqp.enabled=true}. */
    public static final String RABBITMQ_ROW = "RabbitMQ publishing";

    /** A metric name in a selector ({@code name{...}}) or as the first argument of {@code label_values(...)}. */
    private static final Pattern METRIC =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{|label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private GrafanaDashboard() {}

    /** The metric names each row's panels ask for, in the dashboard's order of rows. */
    public static Map<String, Set<String>> metricsByRow() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        Path.of("..", "docs", "grafana", "consent-ledger.json").toFile());
        Map<String, Set<String>> byRow = new LinkedHashMap<>();
        Set<String> variables = byRow.computeIfAbsent(VARIABLES, row -> new TreeSet<>());
        dashboard.at("/templating/list").forEach(variable -> {
            String definition = variable.path("definition").asText();
            if (!definition.isEmpty()) {
                variables.addAll(metricsOf(definition));
            }
        });
        String row = VARIABLES;
        for (JsonNode panel : dashboard.get("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                row = panel.get("title").asText();
                byRow.computeIfAbsent(row, title -> new TreeSet<>());
                continue;
            }
            for (JsonNode target : panel.path("targets")) {
                byRow.get(row).addAll(metricsOf(target.get("expr").asText()));
            }
        }
        return byRow;
    }

    /** The metric names of one query; a query that names none is a mistake of the dashboard (or of this reading). */
    private static Set<String> metricsOf(String query) {
        Set<String> metrics = new TreeSet<>();
        Matcher metric = METRIC.matcher(query);
        while (metric.find()) {
            metrics.add(metric.group(1) != null ? metric.group(1) : metric.group(2));
        }
        assertThat(metrics).as("the metrics of " + query).isNotEmpty();
        return metrics;
    }
}
