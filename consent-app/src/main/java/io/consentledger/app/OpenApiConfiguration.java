package io.consentledger.app;

import io.consentledger.app.web.WriteAdmission;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI description: HTTP Basic, the Idempotency-Key header on writes, RFC 9457 problems on errors, and the
 * patterns of composed constraints.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BASIC = "basic";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI consentLedgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Consent Ledger API")
                        .version("v1")
                        .description("Event-sourced GDPR consent and legal-basis ledger. Every write answers once its"
                                + " event is stored; add wait=true to a read to see your own writes. Errors are"
                                + " RFC 9457 problems with a stable type (see docs/api.md). Bodies are strict JSON:"
                                + " no key twice, no coercion between text, numbers and booleans, nothing after the"
                                + " value. Text holds no control characters (free text keeps tabs and line breaks),"
                                + " no unpaired surrogates and no noncharacters; times are 1900 to 9999, stored ones"
                                + " to the microsecond; periods P0D to P100Y."))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /**
     * Every write takes an Idempotency-Key; every operation may answer with a problem. The {@code Problem} schema is
     * added here, with the responses that point to it: springdoc builds the components from the controllers and drops
     * schemas the OpenAPI bean declares that nothing refers to yet.
     */
    @Bean
    OpenApiCustomizer writesAndProblems() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            addIdempotencyAndProblems(openApi);
        };
    }

    /**
     * A body field under a composed constraint ({@code @ContactId}, {@code @Slug}) shows the pattern of the
     * {@code @Pattern} it is made of, as one under {@code @Pattern} itself does: swagger-core reads only the
     * annotations on the field (springdoc finds the composed ones of parameters by itself).
     */
    @Bean
    PropertyCustomizer composedPatterns() {
        return (property, type) -> {
            if (property.getPattern() == null && type.getCtxAnnotations() != null) {
                MergedAnnotation<Pattern> pattern =
                        MergedAnnotations.from(type.getCtxAnnotations()).get(Pattern.class);
                if (pattern.isPresent()) {
                    property.setPattern(pattern.getString("regexp"));
                }
            }
            return property;
        };
    }

    private static void addIdempotencyAndProblems(OpenAPI openApi) {
        openApi.getPaths()
                .values()
                .forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                    boolean write = method == io.swagger.v3.oas.models.PathItem.HttpMethod.POST
                            || method == io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;
                    boolean recordsNothing = operation.getExtensions() != null
                            && "true"
                                    .equals(String.valueOf(
                                            operation.getExtensions().get(WriteAdmission.RECORDS_NOTHING)));
                    if (write && !recordsNothing) {
                        operation.addParametersItem(new HeaderParameter()
                                .name("Idempotency-Key")
                                .description("Answer a repeat of this request with the first response; 1-200"
                                        + " printable ASCII characters, scoped to the user")
                                .required(false)
                                .schema(new StringSchema().maxLength(200)));
                        operation
                                .getResponses()
                                .values()
                                .forEach(response -> response.addHeaderObject(
                                        "Idempotent-Replayed",
                                        new Header()
                                                .description("true when this is the stored first response")
                                                .schema(new StringSchema())));
                    }
                    operation.getResponses().addApiResponse("default", problemResponse());
                }));
    }

    private static ApiResponse problemResponse() {
        MediaType problem = new MediaType().schema(new Schema<ProblemDetail>().$ref("#/components/schemas/" + PROBLEM));
        return new ApiResponse()
                .description("An RFC 9457 problem: 400 invalid or malformed (naming the field), 401, 403, 404 unknown,"
                        + " 409 conflict, 413, 415, 422 idempotency key reused, 503 projection lagging")
                .content(new Content().addMediaType("application/problem+json", problem));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        return new Schema<>()
                .type("object")
                .description("An RFC 9457 problem; its type is stable, listed in docs/api.md")
                .addProperty(
                        "type",
                        new StringSchema()
                                .description("What went wrong, as a stable URN to program against")
                                .example("urn:consent-ledger:problem:invalid-request"))
                .addProperty(
                        "title",
                        new StringSchema().description("The status's name").example("Bad Request"))
                .addProperty(
                        "status",
                        new Schema<Integer>()
                                .type("integer")
                                .description("The HTTP status")
                                .example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("What went wrong, for people")
                                .example("Invalid request: contactId must be 1-128 letters, digits, '.', '_', ':' or"
                                        + " '-', starting with a letter or digit"))
                .addProperty(
                        "instance",
                        new StringSchema().description("The request's path").example("/api/v1/contacts"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("The request field to blame, when one is")
                                .example("contactId"))
                .addProperty(
                        "errors",
                        new io.swagger.v3.oas.models.media.ArraySchema()
                                .items(new Schema<>()
                                        .type("object")
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}
