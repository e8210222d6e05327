package io.consentledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hostile and malformed requests for every operation of an OpenAPI description: for each operation a valid baseline
 * (path, query and body made from the schemas), and from it requests that each break exactly one thing — a duplicate
 * key, a value of the wrong type, text the ledger cannot store, a time or period out of range, an unknown field,
 * trailing garbage, an invalid path variable or query parameter, the wrong content type, a bad idempotency key.
 */
public final class BadInputCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a case breaks: a field of the body (named in the problem) or the request as a whole. */
    public record BadRequest(
            String operation,
            String method,
            String path,
            String contentType,
            byte[] body,
            Map<String, String> headers,
            String what,
            String field) {

        public String describe() {
            return method + " " + path + " — " + what;
        }
    }

    /** The ids the baselines use: an existing contact, and a purpose and source made for the corpus. */
    public record Ids(String contactId, String purposeId, String sourceId) {}

    private static final List<String> BAD_TEXT = List.of(
            "\\u0000",
            "a\\u0000b",
            "\\u0001",
            "\\u001b[31m",
            "\\u007f",
            "\\u0085",
            "\\u009f",
            "\\ud800",
            "x\\udc00",
            "\\udc00\\ud800",
            "\\ufffe",
            "\\uffff",
            "\\ufdd0",
            "\\ud83f\\udffe",
            "\\udbff\\udfff");
    private static final List<String> NOT_TEXT = List.of("123", "true", "1.5", "{}", "[]", "[\"a\"]", "{\"a\":1}");
    private static final List<String> BAD_INSTANTS = List.of(
            "\"yesterday\"",
            "\"\"",
            "\"2026-01-01T00:00:00\"",
            "\"1899-12-31T23:59:59Z\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"2026-01-01T00:00:00.0000001Z\"",
            "1767225600",
            "1.7672256E9");
    private static final List<String> BAD_PERIODS =
            List.of("\"two years\"", "\"\"", "\"-P1Y\"", "\"P1Y-1M\"", "\"P101Y\"", "\"P999999999Y\"", "12", "true");
    private static final List<String> BAD_BOOLEANS = List.of("\"true\"", "1", "0", "\"yes\"", "\"\"", "{}", "[]");
    private static final List<String> BAD_PATH_VALUES =
            List.of("bad%20id", "%20", "a@b", "%C3%A9", "%01", "x%7Fy", "%EF%BF%BE", "A".repeat(300));
    private static final List<String> BAD_INTEGER_PARAMETERS = List.of("x", "1.5", "-1", "99999999999", "1e3");
    /** For a 64-bit parameter without a maximum (a position) 99999999999 is fine; a number past the type's range is not. */
    private static final List<String> BAD_LONG_PARAMETERS = List.of("x", "1.5", "-1", "99999999999999999999", "1e3");

    private static final List<String> BAD_BOOLEAN_PARAMETERS = List.of("maybe", "2", "%00");
    private static final List<String> BAD_INSTANT_PARAMETERS = List.of(
            "yesterday",
            "2026-01-01T00:00:00",
            "1899-12-31T23:59:59Z",
            "%2B10000-01-01T00:00:00Z",
            "2026-01-01T00:00:00.0000001",
            "1767225600000");
    private static final List<String> BAD_TEXT_PARAMETERS = List.of("%00", "a%01b", "%1B", "%7F", "%C2%85", "%ZZ");

    private final JsonNode docs;
    private final Ids ids;
    private final Set<String> uniqueIds;

    public BadInputCorpus(JsonNode docs, Ids ids, Set<String> freshIds) {
        this.docs = docs;
        this.ids = ids;
        this.uniqueIds = freshIds;
    }

    /** Every bad request for every operation with a body or parameters. */
    public List<BadRequest> all() {
        List<BadRequest> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                cases.addAll(forOperation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }
        return cases;
    }

    /** The operations the description lists with a body or parameters, as "METHOD path". */
    public Set<String> operationsWithInput() {
        Set<String> operations = new java.util.TreeSet<>();
        docs.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (op.getValue().has("requestBody")
                            || op.getValue().path("parameters").size() > 0) {
                        operations.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }

    private List<BadRequest> forOperation(String method, String template, JsonNode operation) {
        List<BadRequest> cases = new ArrayList<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, JsonNode> pathParameters = new LinkedHashMap<>();
        Map<String, JsonNode> queryParameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asText();
            switch (parameter.get("in").asText()) {
                case "path" -> {
                    pathParameters.put(name, parameter);
                    pathValues.put(name, validValue(name));
                }
                case "query" -> queryParameters.put(name, parameter);
                default -> {}
            }
        }
        boolean write = method.equals("POST") || method.equals("PUT");
        JsonNode bodySchema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        ObjectNode baseline = bodySchema.isMissingNode() ? null : (ObjectNode) valid(resolve(bodySchema), "");
        if (baseline != null) {
            pathParameters.keySet().forEach(baseline::remove);
        }
        String validPath = expand(template, pathValues);
        String validQuery = validQuery(queryParameters);
        String contentType = baseline == null ? null : "application/json";
        byte[] validBody = baseline == null ? null : bytes(baseline.toString());

        for (Map.Entry<String, JsonNode> parameter : pathParameters.entrySet()) {
            List<String> values = new ArrayList<>(BAD_PATH_VALUES);
            if (parameter.getValue().path("schema").has("enum")) {
                values.addAll(List.of("consent", "NOPE", "0"));
            }
            for (String value : values) {
                Map<String, String> bad = new LinkedHashMap<>(pathValues);
                bad.put(parameter.getKey(), value);
                cases.add(new BadRequest(
                        method + " " + template,
                        method,
                        expand(template, bad) + validQuery,
                        contentType,
                        validBody,
                        Map.of(),
                        "path variable " + parameter.getKey() + " = " + value,
                        null));
            }
        }
        for (Map.Entry<String, JsonNode> parameter : queryParameters.entrySet()) {
            for (String value : badParameterValues(parameter.getKey(), parameter.getValue())) {
                cases.add(new BadRequest(
                        method + " " + template,
                        method,
                        validPath + query(queryParameters, parameter.getKey(), value),
                        contentType,
                        validBody,
                        Map.of(),
                        "query parameter " + parameter.getKey() + " = " + value,
                        null));
            }
            if (parameter.getValue().path("required").asBoolean()) {
                cases.add(new BadRequest(
                        method + " " + template,
                        method,
                        validPath + query(queryParameters, parameter.getKey(), null),
                        contentType,
                        validBody,
                        Map.of(),
                        "required query parameter " + parameter.getKey() + " missing",
                        null));
            }
        }
        if (write) {
            for (String key : List.of("", "a b", "ä", "k".repeat(201))) {
                cases.add(new BadRequest(
                        method + " " + template,
                        method,
                        validPath,
                        contentType,
                        validBody,
                        Map.of("Idempotency-Key", key),
                        "Idempotency-Key '" + (key.length() > 20 ? "201 characters" : key) + "'",
                        null));
            }
        }
        if (baseline != null) {
            cases.addAll(bodyCases(method + " " + template, method, validPath, baseline, resolve(bodySchema)));
        }
        return cases;
    }

    private List<BadRequest> bodyCases(
            String operation, String method, String path, ObjectNode baseline, JsonNode schema) {
        List<BadRequest> cases = new ArrayList<>();
        String valid = baseline.toString();
        String first = baseline.fieldNames().hasNext() ? baseline.fieldNames().next() : null;
        List<String[]> whole = new ArrayList<>();
        if (first != null) {
            String duplicate =
                    "{\"" + first + "\":" + baseline.get(first) + "," + valid.substring(1, valid.length() - 1) + "}";
            whole.add(new String[] {"duplicate key " + first, duplicate});
        }
        whole.add(new String[] {"unknown field actor", valid.substring(0, valid.length() - 1) + ",\"actor\":\"x\"}"});
        whole.add(new String[] {"trailing garbage", valid + " x"});
        whole.add(new String[] {"a second document", valid + " {}"});
        whole.add(new String[] {"truncated", valid.substring(0, valid.length() - 1)});
        whole.add(new String[] {"an array", "[" + valid + "]"});
        whole.add(new String[] {"a string", "\"text\""});
        whole.add(new String[] {"not JSON", "hello"});
        whole.add(new String[] {"a comment", "/* c */" + valid});
        whole.add(new String[] {"single quotes", valid.replace('"', '\'')});
        whole.add(
                new String[] {"a huge number", "{\"" + (first == null ? "x" : first) + "\":1" + "0".repeat(400) + "}"});
        whole.add(new String[] {"deep nesting", "[".repeat(2000) + "]".repeat(2000)});
        for (String[] body : whole) {
            cases.add(new BadRequest(
                    operation, method, path, "application/json", bytes(body[1]), Map.of(), "body: " + body[0], null));
        }
        String key = first == null ? "x" : first;
        cases.add(new BadRequest(
                operation,
                method,
                path,
                "application/json",
                concat(bytes("{\"" + key + "\":\"a"), new byte[] {(byte) 0xC3, 0x28}, bytes("b\"}")),
                Map.of(),
                "body: invalid UTF-8",
                null));
        cases.add(new BadRequest(
                operation,
                method,
                path,
                "application/json",
                concat(bytes("{\"" + key + "\":\"a"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\"}")),
                Map.of(),
                "body: a lone surrogate encoded in UTF-8",
                null));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            cases.add(new BadRequest(
                    operation, method, path, type, bytes(valid), Map.of(), "content type " + type, null));
        }
        cases.addAll(fieldCases(operation, method, path, baseline, schema, ""));
        return cases;
    }

    /** For every property (nested ones too): wrong types, unstorable text, out-of-range values, a missing required. */
    private List<BadRequest> fieldCases(
            String operation, String method, String path, ObjectNode baseline, JsonNode schema, String at) {
        List<BadRequest> cases = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            if (!objectAt(baseline, at).has(name)) {
                continue;
            }
            JsonNode type = resolve(property.getValue());
            String field = at.isEmpty() ? name : at + "." + name;
            List<String> values = new ArrayList<>();
            if (type.has("properties")) {
                values.addAll(List.of("\"text\"", "\"\"", "1", "[]", "true"));
                cases.addAll(fieldCases(operation, method, path, baseline, type, field));
            } else if ("array".equals(type.path("type").asText())) {
                values.addAll(List.of("\"x\"", "{}", "[null]", "[1]", "[{}]", "[\"bad id\"]", "[\"\\u0000\"]"));
            } else if ("boolean".equals(type.path("type").asText())) {
                values.addAll(BAD_BOOLEANS);
            } else if ("date-time".equals(type.path("format").asText())) {
                values.addAll(BAD_INSTANTS);
            } else if (name.equals("retention")) {
                values.addAll(BAD_PERIODS);
            } else if (type.has("enum")) {
                values.addAll(List.of("\"NOPE\"", "\"\"", "0", "1", "true", "\"" + lower(type) + "\""));
            } else {
                values.addAll(NOT_TEXT);
                BAD_TEXT.forEach(text -> values.add("\"" + text + "\""));
            }
            for (String value : values) {
                ObjectNode body = baseline.deepCopy();
                objectAt(body, at).set(name, raw(value));
                cases.add(new BadRequest(
                        operation,
                        method,
                        path,
                        "application/json",
                        bytes(rawJson(body)),
                        Map.of(),
                        "field " + field + " = " + value,
                        field));
            }
            if (required.contains(name)) {
                ObjectNode body = baseline.deepCopy();
                objectAt(body, at).remove(name);
                cases.add(new BadRequest(
                        operation,
                        method,
                        path,
                        "application/json",
                        bytes(body.toString()),
                        Map.of(),
                        "required field " + field + " missing",
                        field));
            }
        }
        return cases;
    }

    /** The first constant in the other case: enum names are exact. */
    private static String lower(JsonNode type) {
        String name = type.get("enum").get(0).asText();
        return name.equals(name.toLowerCase()) ? name.toUpperCase() : name.toLowerCase();
    }

    private List<String> badParameterValues(String name, JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        return switch (schema.path("type").asText()) {
            case "integer" ->
                "int64".equals(schema.path("format").asText()) && !schema.has("maximum")
                        ? BAD_LONG_PARAMETERS
                        : BAD_INTEGER_PARAMETERS;
            case "boolean" -> BAD_BOOLEAN_PARAMETERS;
            default -> {
                if ("date-time".equals(schema.path("format").asText())) {
                    yield BAD_INSTANT_PARAMETERS;
                }
                List<String> values = new ArrayList<>(BAD_TEXT_PARAMETERS);
                if (schema.has("enum")
                        || List.of("contactId", "purposeId", "lang", "order").contains(name)) {
                    values.addAll(List.of("NOPE%20NOPE", "x".repeat(300)));
                }
                yield values;
            }
        };
    }

    private String validValue(String name) {
        return switch (name) {
            case "contactId" -> ids.contactId();
            case "purposeId" -> ids.purposeId();
            case "sourceId" -> ids.sourceId();
            case "legalBasis" -> "LEGITIMATE_INTERESTS";
            // Never a real projection or job: a bad input that slipped through must not rebuild anything.
            default -> "corpus-unknown";
        };
    }

    private String validQuery(Map<String, JsonNode> parameters) {
        return query(parameters, null, null);
    }

    /** The query with valid values for the required parameters, and {@code name} set to {@code value} (or left out). */
    private String query(Map<String, JsonNode> parameters, String name, String value) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (key.equals(name)) {
                if (value != null) {
                    pairs.add(key + "=" + value);
                }
            } else if (parameter.getValue().path("required").asBoolean()) {
                pairs.add(key + "=" + validValue(key));
            }
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** A valid value for a schema: by property name where the name says what it is, else by type. */
    private JsonNode valid(JsonNode schema, String name) {
        if (schema.has("properties")) {
            ObjectNode object = NODES.objectNode();
            schema.get("properties").fields().forEachRemaining(property -> {
                JsonNode value = valid(resolve(property.getValue()), property.getKey());
                if (value != null) {
                    object.set(property.getKey(), value);
                }
            });
            return object;
        }
        if ("array".equals(schema.path("type").asText())) {
            ArrayNode array = NODES.arrayNode();
            array.add(
                    name.equals("contactIds")
                            ? NODES.textNode(ids.contactId())
                            : valid(resolve(schema.get("items")), ""));
            return array;
        }
        if (schema.has("enum")) {
            return NODES.textNode(
                    name.equals("legalBasis") || name.equals("defaultLegalBasis")
                            ? "LEGITIMATE_INTERESTS"
                            : schema.get("enum").get(0).asText());
        }
        return switch (schema.path("type").asText()) {
            case "boolean" -> NODES.booleanNode(true);
            case "integer", "number" -> NODES.numberNode(1);
            default -> {
                if ("date-time".equals(schema.path("format").asText())) {
                    yield NODES.textNode(name.equals("validUntil") ? "2099-01-01T00:00:00Z" : "2026-01-01T00:00:00Z");
                }
                yield switch (name) {
                    case "contactId" -> NODES.textNode(fresh());
                    case "purposeId" -> NODES.textNode(ids.purposeId());
                    case "sourceId" -> NODES.textNode("web-form");
                    case "confirmationTemplate" -> null;
                    case "email" -> NODES.textNode("ann@example.com");
                    case "locale" -> NODES.textNode("en");
                    case "formUrl", "privacyNoticeUrl" -> NODES.textNode("https://example.com/form");
                    case "ipAddress" -> NODES.textNode("192.0.2.1");
                    case "retention" -> NODES.textNode("P1Y");
                    default -> NODES.textNode("Ann");
                };
            }
        };
    }

    private String fresh() {
        String id = "corpus-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        uniqueIds.add(id);
        return id;
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return resolve(docs.get("components").get("schemas").get(name));
        }
        return schema;
    }

    private static ObjectNode objectAt(ObjectNode body, String at) {
        ObjectNode node = body;
        if (!at.isEmpty()) {
            for (String part : at.split("\\.")) {
                node = (ObjectNode) node.get(part);
            }
        }
        return node;
    }

    /** A JSON value kept as written (escapes included), so that what is sent is exactly the hostile text. */
    private static JsonNode raw(String json) {
        return NODES.rawValueNode(new com.fasterxml.jackson.databind.util.RawValue(json));
    }

    private static String rawJson(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String expand(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
