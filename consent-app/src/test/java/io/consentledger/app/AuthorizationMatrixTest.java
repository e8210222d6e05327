package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.security.Role;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what: every operation the API serves, written out here with the roles it allows, is called by every
 * role and by nobody. A role it does not allow gets 403 {@code forbidden} even though the request is not valid (the
 * roles are checked before the request is read); a role it allows gets past the check to the request's own refusal.
 * The back office's pages likewise, for each role signed in with the login form, and the actuator's endpoints.
 */
class AuthorizationMatrixTest extends LedgerTest {

    /** Every role there is: each is tried on every operation, so a new role is refused wherever no one allows it. */
    private static final Set<String> ROLES =
            Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toCollection(TreeSet::new));

    /** The people and service accounts that work with the ledger: every role but the monitoring's. */
    private static final Set<String> STAFF = Set.of("ADMIN", "INTEGRATOR", "AUDITOR");

    private static final Set<String> ADMIN = Set.of("ADMIN");
    private static final Set<String> LEDGER_WRITERS = Set.of("INTEGRATOR", "ADMIN");

    /** The matrix: each operation and the roles allowed to call it. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/purposes", STAFF),
            Map.entry("GET /api/v1/purposes/{purposeId}/versions", STAFF),
            Map.entry("GET /api/v1/sources", STAFF),
            Map.entry("GET /api/v1/legal-bases", STAFF),
            Map.entry("GET /api/v1/contacts", STAFF),
            Map.entry("GET /api/v1/contacts/{contactId}", STAFF),
            Map.entry("GET /api/v1/contacts/{contactId}/legal-basis", STAFF),
            Map.entry("GET /api/v1/contacts/{contactId}/history", STAFF),
            Map.entry("GET /api/v1/contacts/{contactId}/export.json", STAFF),
            Map.entry("GET /api/v1/contacts/{contactId}/export.xlsx", STAFF),
            Map.entry("GET /api/v1/consents/check", STAFF),
            Map.entry("POST /api/v1/consents/check", STAFF),
            Map.entry("GET /api/v1/purposes/{purposeId}/audience", STAFF),
            Map.entry("GET /api/v1/retention/due", STAFF),
            Map.entry("GET /api/v1/retention/erasures/{jobId}", STAFF),
            Map.entry("GET /api/v1/audit/changes", Set.of("AUDITOR")),
            Map.entry("GET /api/v1/changes", Set.of("INTEGRATOR", "AUDITOR")),
            Map.entry("GET /api/v1/audit/events.ndjson", Set.of("AUDITOR")),
            Map.entry("GET /api/v1/audit/export.xlsx", Set.of("AUDITOR")),
            Map.entry("GET /api/v1/admin/projections", Set.of("ADMIN", "AUDITOR")),
            Map.entry("GET /api/v1/admin/projections/{name}/dead-letters", Set.of("ADMIN", "AUDITOR")),
            Map.entry("POST /api/v1/admin/projections/{name}/replay", ADMIN),
            Map.entry("POST /api/v1/admin/projections/{name}/dead-letters/retry", ADMIN),
            Map.entry("POST /api/v1/retention/erasures", ADMIN),
            Map.entry("GET /api/v1/webhooks", ADMIN),
            Map.entry("GET /api/v1/webhooks/{webhookId}", ADMIN),
            Map.entry("POST /api/v1/webhooks", ADMIN),
            Map.entry("POST /api/v1/webhooks/{webhookId}/pause", ADMIN),
            Map.entry("POST /api/v1/webhooks/{webhookId}/resume", ADMIN),
            Map.entry("POST /api/v1/webhooks/{webhookId}/replay", ADMIN),
            Map.entry("POST /api/v1/webhooks/{webhookId}/rotate-secret", ADMIN),
            Map.entry("DELETE /api/v1/webhooks/{webhookId}", ADMIN),
            Map.entry("POST /api/v1/purposes", ADMIN),
            Map.entry("PUT /api/v1/purposes/{purposeId}", ADMIN),
            Map.entry("POST /api/v1/purposes/{purposeId}/retire", ADMIN),
            Map.entry("POST /api/v1/sources", ADMIN),
            Map.entry("POST /api/v1/sources/{sourceId}/retire", ADMIN),
            Map.entry("PUT /api/v1/legal-bases/{legalBasis}", ADMIN),
            Map.entry("POST /api/v1/contacts/{contactId}/erasure", ADMIN),
            Map.entry("POST /api/v1/contacts", LEDGER_WRITERS),
            Map.entry("PUT /api/v1/contacts/{contactId}", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/confirmation-email", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/profile-link", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/consents", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/consents/{purposeId}/withdrawal", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/legal-bases", LEDGER_WRITERS),
            Map.entry("POST /api/v1/contacts/{contactId}/legal-bases/{purposeId}/end", LEDGER_WRITERS),
            Map.entry("POST /api/v1/imports", LEDGER_WRITERS),
            Map.entry("GET /api/v1/imports/{importId}", STAFF),
            Map.entry("GET /api/v1/imports/{importId}/errors.csv", STAFF)));

    /** The back office's pages and forms, each with the roles allowed to use it (the login page is open to all). */
    private static final Map<String, Set<String>> PAGES = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", STAFF),
            Map.entry("POST /search", STAFF),
            Map.entry("GET /contacts/{contactId}", STAFF),
            Map.entry("GET /contacts/{contactId}/export.xlsx", STAFF),
            Map.entry("POST /contacts", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/consents", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/consents/{purposeId}/withdrawal", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/legal-bases", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/legal-bases/{purposeId}/end", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/confirmation-email", LEDGER_WRITERS),
            Map.entry("POST /contacts/{contactId}/profile-link", LEDGER_WRITERS),
            Map.entry("GET /imports", LEDGER_WRITERS),
            Map.entry("POST /imports", LEDGER_WRITERS),
            Map.entry("GET /imports/{importId}", LEDGER_WRITERS),
            Map.entry("GET /imports/{importId}/errors.csv", LEDGER_WRITERS),
            Map.entry("GET /settings", ADMIN),
            Map.entry("POST /settings/purposes", ADMIN),
            Map.entry("GET /settings/purposes/{purposeId}", ADMIN),
            Map.entry("POST /settings/purposes/{purposeId}", ADMIN),
            Map.entry("POST /settings/purposes/{purposeId}/retire", ADMIN),
            Map.entry("POST /settings/sources", ADMIN),
            Map.entry("POST /settings/sources/{sourceId}/retire", ADMIN),
            Map.entry("POST /settings/legal-bases/{code}", ADMIN),
            Map.entry("GET /projections", Set.of("ADMIN", "AUDITOR")),
            Map.entry("POST /projections/{name}/replay", ADMIN),
            Map.entry("POST /projections/{name}/dead-letters/retry", ADMIN),
            Map.entry("GET /audit", Set.of("AUDITOR")),
            Map.entry("GET /webhooks", ADMIN),
            Map.entry("POST /webhooks", ADMIN),
            Map.entry("POST /webhooks/{webhookId}/pause", ADMIN),
            Map.entry("POST /webhooks/{webhookId}/resume", ADMIN),
            Map.entry("POST /webhooks/{webhookId}/delete", ADMIN),
            Map.entry("GET /audit/as-of", Set.of("AUDITOR")),
            Map.entry("GET /audit/export.xlsx", Set.of("AUDITOR")),
            Map.entry("GET /audit/events.ndjson", Set.of("AUDITOR"))));

    /**
     * The actuator's endpoints other than health (open to all), each with the roles allowed to read it; the metrics are
     * the only thing the monitoring's credential (METRICS) may read.
     */
    private static final Map<String, Set<String>> ACTUATOR =
            new TreeMap<>(Map.of("GET /actuator", ADMIN, "GET /actuator/prometheus", Set.of("ADMIN", "METRICS")));

    private static final Map<String, String> USERS =
            Map.of("ADMIN", Api.ADMIN, "INTEGRATOR", Api.INTEGRATOR, "AUDITOR", Api.AUDITOR, "METRICS", Api.METRICS);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theMatrixNamesEveryOperationTheApiServes() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
            for (String path : mapping.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    mapping.getMethodsCondition().getMethods().forEach(method -> served.add(method + " " + path));
                }
            }
        }

        assertThat(served).isEqualTo(ALLOWED.keySet());
    }

    @Test
    void eachRoleMayCallExactlyTheOperationsAllowedToIt() {
        long before = allEvents();
        List<String> wrong = new ArrayList<>();
        ALLOWED.forEach((operation, allowed) -> {
            for (String role : ROLES) {
                Api.Response response = call(USERS.get(role), operation);
                boolean refused =
                        response.status() == 403 && response.body().contains("urn:consent-ledger:problem:forbidden");
                boolean passed = response.status() != 401 && response.status() != 403 && response.status() < 500;
                if (allowed.contains(role) ? !passed : !refused) {
                    wrong.add(role + " " + operation + ": " + response.status() + " " + response.body());
                }
                if (allowed.contains(role) && !operation.startsWith("GET") && response.status() < 400) {
                    wrong.add(role + " " + operation + " was not refused as invalid: " + response.status());
                }
            }
            Api.Response anonymous = call(null, operation);
            if (anonymous.status() != 401) {
                wrong.add("nobody " + operation + ": " + anonymous.status());
            }
        });

        assertThat(wrong).isEmpty();
        assertThat(allEvents()).as("nothing was recorded").isEqualTo(before);
    }

    @Test
    void aRequestForAnotherMethodOrNoOperationIsRefusedByItsRoleFirst() {
        String consents = "/api/v1/contacts/crm-1/consents";
        HttpRequest delete = api.request(Api.AUDITOR, consents).DELETE().build();

        assertThat(api.send(delete).status()).isEqualTo(403);
        assertThat(api.send(api.request(Api.INTEGRATOR, consents).DELETE().build())
                        .status())
                .isEqualTo(405);
        assertThat(api.get(Api.AUDITOR, "/api/v1/nothing-here").status()).isEqualTo(404);
        assertThat(api.get(null, "/api/v1/nothing-here").status()).isEqualTo(401);
        assertThat(api.send(api.request(Api.ADMIN, "/api/v1/purposes")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void everyRoleHasATestUser() {
        assertThat(USERS.keySet()).isEqualTo(ROLES);
    }

    @Test
    void theActuatorMatrixNamesEveryEndpointTheActuatorExposes() {
        Set<String> links = new TreeSet<>();
        api.get(Api.ADMIN, "/actuator").json().get("_links").fieldNames().forEachRemaining(links::add);

        // "self" is the index itself, "health" and "health-path" (its groups) are open to everyone.
        links.removeAll(Set.of("self", "health", "health-path"));
        assertThat(links.stream().map(link -> "GET /actuator/" + link))
                .containsExactlyInAnyOrderElementsOf(ACTUATOR.keySet().stream()
                        .filter(operation -> !operation.equals("GET /actuator"))
                        .toList());
    }

    @Test
    void eachRoleMayReadExactlyTheActuatorEndpointsAllowedToItAndEveryoneTheHealth() {
        List<String> wrong = new ArrayList<>();
        ACTUATOR.forEach((operation, allowed) -> {
            String path = operation.substring("GET ".length());
            for (String role : ROLES) {
                Api.Response response = api.get(USERS.get(role), path);
                boolean refused =
                        response.status() == 403 && response.body().contains("urn:consent-ledger:problem:forbidden");
                if (allowed.contains(role) ? response.status() != 200 : !refused) {
                    wrong.add(role + " " + operation + ": " + response.status() + " " + response.body());
                }
            }
            Api.Response anonymous = api.get(null, path);
            if (anonymous.status() != 401 || !anonymous.contentType().startsWith("application/problem+json")) {
                wrong.add("nobody " + operation + ": " + anonymous.status());
            }
        });
        for (String role : ROLES) {
            if (api.get(USERS.get(role), "/actuator/health").status() != 200) {
                wrong.add(role + " GET /actuator/health");
            }
        }
        if (api.get(null, "/actuator/health/readiness").status() != 200) {
            wrong.add("nobody GET /actuator/health/readiness");
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void thePageMatrixNamesEveryPageTheBackOfficeServes() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (handler.getBeanType().getPackageName().equals("io.consentledger.app.ui")) {
                mapping.getPatternValues()
                        .forEach(path -> mapping.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> served.add(method + " " + path)));
            }
        });
        served.remove("GET /login");

        assertThat(served).isEqualTo(PAGES.keySet());
    }

    @Test
    void eachSignedInRoleMayUseExactlyThePagesAllowedToIt() throws Exception {
        long before = allEvents();
        List<String> wrong = new ArrayList<>();
        for (String role : ROLES) {
            FormClient browser = new FormClient(port());
            browser.signIn(USERS.get(role), Api.passwordOf(USERS.get(role)));
            // The login page is open to every signed-in role (the home page is not: METRICS may use no page).
            String csrf = FormClient.csrf(browser.get("/login", "en"));
            PAGES.forEach((operation, allowed) -> {
                int status = page(browser, csrf, operation).statusCode();
                if (allowed.contains(role) ? status == 403 || status >= 500 : status != 403) {
                    wrong.add(role + " " + operation + ": " + status);
                }
            });
        }
        FormClient nobody = new FormClient(port());
        String csrf = FormClient.csrf(nobody.get("/login", "en"));
        PAGES.forEach((operation, allowed) -> {
            HttpResponse<String> response = page(nobody, csrf, operation);
            if (response.statusCode() != 302
                    || !response.headers().firstValue("Location").orElse("").endsWith("/login")) {
                wrong.add("nobody " + operation + ": " + response.statusCode());
            }
        });

        assertThat(wrong).isEmpty();
        assertThat(allEvents()).as("nothing was recorded").isEqualTo(before);
    }

    /** The page with every path variable invalid, and a form with only the CSRF token. */
    private static HttpResponse<String> page(FormClient browser, String csrf, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(method.length() + 1).replaceAll("\\{[^}]+}", "-x");
        try {
            return method.equals("GET") ? browser.get(path, "en") : browser.post(path, csrf);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(operation, e);
        }
    }

    /** The operation with every path variable invalid, and a body that is not JSON. */
    private Api.Response call(String user, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(method.length() + 1).replaceAll("\\{[^}]+}", "-x");
        if (method.equals("GET")) {
            return api.get(user, path);
        }
        return api.send(api.request(user, path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{"))
                .build());
    }
}
