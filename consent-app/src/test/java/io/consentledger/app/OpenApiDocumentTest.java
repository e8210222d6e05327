package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.api.FieldRules;
import io.consentledger.app.support.LedgerTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description is the integrators' contract: the served {@code /v3/api-docs} is a valid OpenAPI document
 * (as swagger-parser reads it), every reference in it resolves, every operation the API serves is described (and
 * nothing else), every error points to the {@code Problem} schema, every request field and every field of the main
 * answers says what it is, and the fields of composed constraints show their pattern.
 */
class OpenApiDocumentTest extends LedgerTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private String served;
    private JsonNode document;

    @BeforeEach
    void read() {
        served = api.get(null, "/v3/api-docs").body();
        document = api.get(null, "/v3/api-docs").json();
    }

    @Test
    void isAValidOpenApiDocument() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(served, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyReferenceResolvesWithinTheDocument() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).contains("#/components/schemas/Problem");
        for (String reference : references) {
            assertThat(reference).startsWith("#/components/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as(reference + " is in the document")
                    .isFalse();
        }
    }

    @Test
    void describesEveryOperationTheApiServesAndNothingElse() {
        TreeSet<String> servedOperations = new TreeSet<>();
        for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
            for (String path : mapping.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    mapping.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> servedOperations.add(method.name() + " " + path));
                }
            }
        }
        TreeSet<String> described = new TreeSet<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                        described.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));

        assertThat(described).isEqualTo(servedOperations);
    }

    @Test
    void everyOperationSaysWhatItDoes() {
        forEachOperation(
                (operation, name) -> assertThat(operation.path("summary").asText())
                        .as(name + " has a summary")
                        .isNotBlank());
    }

    @Test
    void everyErrorResponseIsAProblem() {
        forEachOperation((operation, name) -> operation
                .get("responses")
                .fields()
                .forEachRemaining(response -> {
                    String status = response.getKey();
                    if (status.equals("default") || status.startsWith("4") || status.startsWith("5")) {
                        assertThat(response.getValue()
                                        .at("/content/application~1problem+json/schema/$ref")
                                        .asText())
                                .as(name + " " + status)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }));
    }

    @Test
    void everyRequestFieldHasADescriptionAndAnExample() {
        forEachOperation((operation, name) -> {
            String reference = operation
                    .at("/requestBody/content/application~1json/schema/$ref")
                    .asText();
            if (reference.isEmpty()) {
                return;
            }
            JsonNode properties = document.at(reference.substring(1) + "/properties");
            properties.fields().forEachRemaining(field -> {
                JsonNode schema = field.getValue();
                assertThat(schema.has("description"))
                        .as(name + ": " + field.getKey() + " has a description")
                        .isTrue();
                assertThat(schema.has("example")
                                || schema.has("enum")
                                || schema.has("$ref")
                                || schema.at("/items/example").isValueNode())
                        .as(name + ": " + field.getKey() + " has an example")
                        .isTrue();
            });
        });
    }

    @Test
    void everyFieldOfTheMainAnswersHasADescriptionAndAnExample() {
        for (String answer : List.of(
                "Receipt",
                "LegalBasisView",
                "PurposeStanding",
                "ConsentCheck",
                "ContactDetails",
                "PurposeView",
                "SourceView",
                "LegalBasisTerms",
                "HistoryPage",
                "HistoryEntry",
                "ProjectionStatus",
                "DeadLetterPage",
                "DeadLetterView",
                "LedgerChangesPage",
                "LedgerChange",
                "ErasureJob",
                "Webhook",
                "Failure")) {
            JsonNode properties = document.at("/components/schemas/" + answer + "/properties");
            assertThat(properties.size()).as(answer).isPositive();
            properties.fields().forEachRemaining(field -> {
                JsonNode schema = field.getValue();
                assertThat(schema.has("description"))
                        .as(answer + "." + field.getKey() + " has a description")
                        .isTrue();
                assertThat(schema.has("example")
                                || schema.has("enum")
                                || schema.has("$ref")
                                || schema.has("allOf")
                                || schema.has("type")
                                        && schema.get("type").asText().equals("array"))
                        .as(answer + "." + field.getKey() + " has an example")
                        .isTrue();
            });
        }
    }

    @Test
    void everyContactIdAndSlugShowsItsPattern() {
        Map<String, String> patterns =
                Map.of("contactId", FieldRules.CONTACT_ID, "purposeId", FieldRules.SLUG, "sourceId", FieldRules.SLUG);
        List<String> checked = new ArrayList<>();
        List<String> without = new ArrayList<>();
        forEachOperation((operation, name) -> {
            operation.path("parameters").forEach(parameter -> {
                String field = parameter.get("name").asText();
                if (patterns.containsKey(field)) {
                    checked.add(name + " " + field);
                    if (!parameter.at("/schema/pattern").asText().equals(patterns.get(field))) {
                        without.add(name + " " + field);
                    }
                }
            });
            String reference = operation
                    .at("/requestBody/content/application~1json/schema/$ref")
                    .asText();
            if (!reference.isEmpty()) {
                document.at(reference.substring(1) + "/properties").fields().forEachRemaining(property -> {
                    String field = property.getKey();
                    if (patterns.containsKey(field)) {
                        checked.add(name + " body " + field);
                        if (!property.getValue().path("pattern").asText().equals(patterns.get(field))) {
                            without.add(name + " body " + field);
                        }
                    }
                    if (field.equals("contactIds")) {
                        checked.add(name + " body " + field);
                        if (!property.getValue().at("/items/pattern").asText().equals(FieldRules.CONTACT_ID)) {
                            without.add(name + " body " + field);
                        }
                    }
                });
            }
        });

        assertThat(without).as("fields without their pattern").isEmpty();
        assertThat(checked)
                .contains(
                        "GET /api/v1/contacts/{contactId} contactId",
                        "GET /api/v1/consents/check purposeId",
                        "POST /api/v1/contacts body contactId",
                        "POST /api/v1/contacts/{contactId}/consents body sourceId",
                        "POST /api/v1/retention/erasures body contactIds");
    }

    @Test
    void documentsTheStatusEachWriteAnswers() {
        assertThat(responses("post", "/api/v1/contacts/{contactId}/confirmation-email"))
                .containsExactly("202", "default");
        assertThat(responses("post", "/api/v1/admin/projections/{name}/replay")).containsExactly("202", "default");
        assertThat(responses("post", "/api/v1/retention/erasures")).containsExactly("200", "202", "default");
    }

    private TreeSet<String> responses(String method, String path) {
        TreeSet<String> statuses = new TreeSet<>();
        document.get("paths")
                .get(path)
                .get(method)
                .get("responses")
                .fieldNames()
                .forEachRemaining(statuses::add);
        return statuses;
    }

    private interface OperationCheck {
        void check(JsonNode operation, String name);
    }

    private void forEachOperation(OperationCheck check) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(operation -> {
                if (operation.getValue().has("responses")) {
                    check.check(operation.getValue(), operation.getKey().toUpperCase() + " " + path.getKey());
                }
            });
        }
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }
}
