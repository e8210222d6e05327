package db.migration.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The confirmation-email process kept the whole request in its saga state ({@code SagaEntry}), the person's name and
 * email in plain text; it now keeps ids only and reads the rest from the event store when it sends. Rewrites every
 * stored state of the process to its ids, so that no personal data stays behind in the table.
 */
public class V1_43__Confirmation_process_keeps_ids extends BaseJavaMigration {

    static final String SAGA_TYPE = "io.consentledger.command.confirmation.ConfirmationEmailProcess";

    @Override
    public void migrate(Context context) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Connection connection = context.getConnection();
        Map<String, byte[]> upgraded = new LinkedHashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT sagaId, serializedSaga FROM SagaEntry WHERE sagaType = ?")) {
            select.setString(1, SAGA_TYPE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byte[] stored = rows.getBytes("serializedSaga");
                    JsonNode state = stored == null ? null : json.readTree(stored);
                    if (state instanceof ObjectNode object && object.has("request")) {
                        upgraded.put(rows.getString("sagaId"), idsOnly(json, object));
                    }
                }
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE SagaEntry SET serializedSaga = ? WHERE sagaId = ?")) {
            for (Map.Entry<String, byte[]> entry : upgraded.entrySet()) {
                update.setBytes(1, entry.getValue());
                update.setString(2, entry.getKey());
                update.addBatch();
            }
            if (!upgraded.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    /** The state as the process stores it now: the request's ids and the number of attempts so far. */
    private static byte[] idsOnly(ObjectMapper json, ObjectNode state) throws Exception {
        JsonNode request = state.path("request");
        ObjectNode ids = json.createObjectNode();
        ids.put("contactId", request.path("contactId").asText(null));
        ids.put("requestId", request.path("requestId").asText(null));
        ids.put("confirmationId", request.path("consent").path("confirmationId").asText(null));
        ids.put("attempts", state.path("attempts").asInt());
        return json.writeValueAsString(ids).getBytes(StandardCharsets.UTF_8);
    }
}
