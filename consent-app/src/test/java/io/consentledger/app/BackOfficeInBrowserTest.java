package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentledger.app.support.Browser;
import io.consentledger.app.support.EnabledIfBrowser;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.TestDatabases;
import io.consentledger.query.projection.ReadModels;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The back office in Debian's headless Chromium: an admin sets up a purpose (inline validation, a revision with its
 * version history, a legal basis's name); a CRM user registers a contact and works its legal-basis dialog (consent
 * given and withdrawn, another basis documented and ended, the email sent again, a profile link issued) and exports
 * the workbook; an auditor sees no controls and is refused when posting anyway, browses the ledger's changes, opens
 * the contact as of a past moment and downloads the audit export; an admin rebuilds a projection. Screenshots of the
 * settings page, the card and the open dialog, at 1280 and 390 px, go to {@code target/screenshots}.
 */
@EnabledIfBrowser
class BackOfficeInBrowserTest extends LedgerTest {

    /**
     * An application context of its own, on an empty ledger: the pages' layout is checked with every row they show, and
     * the test renames a legal basis that every contact's card names.
     */
    @DynamicPropertySource
    static void ownContext(DynamicPropertyRegistry registry) {
        TestDatabases.dataDirectory(registry);
    }

    private static final String NAME = "<script>alert(1)</script> Ann";

    @Test
    void anAdminSetsUpAPurposeAndACrmUserWorksTheContactCard() throws Exception {
        String purposeId = uniqueId("newsletter");
        String contactId = uniqueId("card");
        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);

            signIn(page, "admin", "admin-secret");
            page.findElement(By.linkText("Privacy settings")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith("Privacy settings"));
            page.findElement(By.id("purposeId")).sendKeys("Not A Slug");
            page.findElement(By.id("name")).sendKeys("Newsletter");
            page.findElement(By.id("retention")).sendKeys("two years");
            submit(page, "define-purpose");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("purposeId-error")).isEmpty());
            assertThat(page.findElement(By.id("purposeId-error")).getText()).contains("slug");
            assertThat(page.findElement(By.id("retention-error")).getText()).contains("ISO-8601");
            assertThat(page.findElement(By.id("name")).getAttribute("value")).isEqualTo("Newsletter");

            page.findElement(By.id("purposeId")).clear();
            page.findElement(By.id("purposeId")).sendKeys(purposeId);
            page.findElement(By.id("retention")).clear();
            page.findElement(By.id("retention")).sendKeys("P1Y");
            page.findElement(By.id("consentText")).sendKeys("Yes, send me the newsletter.");
            submit(page, "define-purpose");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Purpose defined."));
            assertThat(page.findElement(By.id("purpose-" + purposeId))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Active");

            page.findElement(By.id("purpose-" + purposeId))
                    .findElement(By.linkText("Versions and revision"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("revise-purpose")).isEmpty());
            page.findElement(By.id("name")).clear();
            submit(page, "revise-purpose");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("name-error")).isEmpty());
            page.findElement(By.id("name")).sendKeys("Monthly newsletter");
            page.findElement(By.id("consentText")).clear();
            page.findElement(By.id("consentText")).sendKeys("Yes, send me the monthly newsletter.");
            submit(page, "revise-purpose");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("a new version is in force"));
            assertThat(page.findElement(By.id("version-2"))
                            .findElement(By.className("name"))
                            .getText())
                    .isEqualTo("Monthly newsletter");
            assertThat(page.findElement(By.id("version-1"))
                            .findElement(By.className("name"))
                            .getText())
                    .isEqualTo("Newsletter");

            page.findElement(By.linkText("Back to the privacy settings")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("legal-bases")).isEmpty());
            page.findElement(By.id("name-CONTRACT")).clear();
            page.findElement(By.id("name-CONTRACT")).sendKeys("   ");
            page.findElement(By.cssSelector("#basis-CONTRACT button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            !page.findElements(By.id("name-error-CONTRACT")).isEmpty());
            assertThat(page.findElement(By.id("name-error-CONTRACT")).getText())
                    .isEqualTo("Name must be 1-200 characters");
            assertThat(eventsOf("legal-basis/CONTRACT")).isZero();
            WebElement contract = page.findElement(By.id("name-CONTRACT"));
            contract.clear();
            contract.sendKeys("Customer contract");
            page.findElement(By.cssSelector("#basis-CONTRACT button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Name saved."));
            assertThat(page.findElement(By.id("name-CONTRACT")).getAttribute("value"))
                    .isEqualTo("Customer contract");
            browser.screenshot("back-office-settings");

            String sourceId = uniqueId("fair");
            page.findElement(By.id("sourceId")).sendKeys(sourceId);
            page.findElement(By.id("source-name")).sendKeys("Trade fair");
            submit(page, "define-source");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Source defined."));
            WebElement source = page.findElement(By.id("source-" + sourceId));
            assertThat(source.findElement(By.className("status")).getText()).isEqualTo("Active");
            source.findElement(By.cssSelector("button.withdraw")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Source retired."));
            assertThat(page.findElement(By.id("source-" + sourceId))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Retired");
            String oldPurpose = uniqueId("old");
            assertThat(api.post(
                                    ADMIN,
                                    "/api/v1/purposes",
                                    "{\"purposeId\":\"" + oldPurpose + "\",\"name\":\"Old\",\"requiresConsent\":true}")
                            .status())
                    .isEqualTo(201);
            page.get("http://localhost:" + port() + "/settings");
            page.findElement(By.cssSelector("#purpose-" + oldPurpose + " button.withdraw"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Purpose retired."));
            assertThat(page.findElement(By.id("purpose-" + oldPurpose))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Retired");
            browser.size(390, 844);
            assertFitsTheWidth(page, 390);
            browser.screenshot("back-office-settings-390");
            browser.size(1280, 1000);
            signOut(page);

            signIn(page, "crm-sync", "crm-secret");
            page.findElement(By.cssSelector("#register #contactId")).sendKeys(contactId);
            page.findElement(By.cssSelector("#register #name")).sendKeys(NAME);
            page.findElement(By.cssSelector("#register #email")).sendKeys("not an email");
            new Select(page.findElement(By.cssSelector("#register #sourceId"))).selectByValue("import");
            submit(page, "register");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("email-error")).isEmpty());
            assertThat(eventsOf(contactId)).as("a refused form records nothing").isZero();
            page.findElement(By.cssSelector("#register #email")).clear();
            page.findElement(By.cssSelector("#register #email")).sendKeys("ann@example.com");
            page.findElement(By.cssSelector("#register #sourceDetail")).sendKeys("Met at the fair");
            submit(page, "register");
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith(contactId));
            assertThat(page.findElement(By.tagName("main")).getText()).contains("Contact registered.");
            assertThat(page.findElement(By.tagName("h1")).getText())
                    .as("a name with markup is shown as text")
                    .isEqualTo(NAME);
            assertThat(page.findElement(By.id("legal-basis-field")).getText())
                    .isEqualTo("Legitimate interests: Sales and service");
            browser.screenshot("back-office-contact-card");

            page.findElement(By.id("legal-basis-field")).click();
            WebElement dialog = page.findElement(By.id("legal-basis"));
            await().atMost(Duration.ofSeconds(5)).until(dialog::isDisplayed);
            browser.screenshot("back-office-legal-basis-dialog");

            new Select(page.findElement(By.id("grant-purpose"))).selectByValue(purposeId);
            new Select(page.findElement(By.id("grant-source"))).selectByValue("web-form");
            page.findElement(By.id("grant-detail")).sendKeys("Booth 12");
            submit(page, "grant");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Consent recorded."));
            assertThat(page.findElement(By.id("legal-basis")).isDisplayed()).isTrue();
            List<String> row = cells(page.findElement(By.id("purpose-" + purposeId)));
            assertThat(row.subList(0, 7))
                    .as("purpose, basis, status, since, source, version, recorded by")
                    .containsExactly(
                            "Monthly newsletter", "Consent", "In force", row.get(3), "web-form", "2", "crm-sync");
            Instant since = LocalDateTime.parse(row.get(3), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                    .toInstant(ZoneOffset.UTC);
            assertThat(since).isBetween(Instant.now().minus(2, ChronoUnit.MINUTES), Instant.now());

            WebElement newsletter = page.findElement(By.id("purpose-" + purposeId));
            new Select(newsletter.findElement(By.tagName("select"))).selectByValue("email");
            newsletter.findElement(By.cssSelector("button.withdraw")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Consent withdrawn."));
            assertThat(page.findElement(By.id("purpose-" + purposeId))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Withdrawn");
            assertThat(history(page, "what")).startsWith("Consent withdrawn", "Consent given");
            assertThat(history(page, "who")).startsWith("crm-sync", "crm-sync");

            new Select(page.findElement(By.id("document-purpose"))).selectByValue("sales-and-service");
            new Select(page.findElement(By.id("document-basis"))).selectByValue("CONTRACT");
            new Select(page.findElement(By.id("document-source"))).selectByValue("email");
            page.findElement(By.id("document-note")).sendKeys("Order 4711");
            submit(page, "document");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Legal basis documented."));
            WebElement sales = page.findElement(By.id("purpose-sales-and-service"));
            assertThat(sales.findElement(By.className("basis")).getText())
                    .as("the name the admin gave the basis")
                    .isEqualTo("Customer contract");
            sales.findElement(By.cssSelector("form.end input[name=reason]")).sendKeys("Contract ended");
            sales.findElement(By.cssSelector("form.end button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Legal basis ended."));
            assertThat(page.findElement(By.id("purpose-sales-and-service"))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Ended");
            assertThat(history(page, "what"))
                    .startsWith("Legal basis ended", "Legal basis documented", "Consent withdrawn");

            page.findElement(By.id("resend")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("The confirmation email is on its way"));
            assertThat(history(page, "what")).contains("Confirmation email requested");
            page.findElement(By.id("issue-link")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("profile-link")).isEmpty());
            String link = page.findElement(By.id("profile-link")).getAttribute("value");
            assertThat(link).contains("/privacy/profile/");
            page.findElement(By.cssSelector("[data-copy=profile-link]")).click();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> page.findElement(By.cssSelector("[data-copy]"))
                            .getText()
                            .equals("Copied"));
            HttpResponse<String> profile = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            link.replaceFirst("^https?://[^/]+", "http://localhost:" + port())))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(profile.statusCode())
                    .as("the issued link opens the profile page")
                    .isEqualTo(200);
            browser.screenshot("back-office-dialog-after-actions");

            browser.size(390, 844);
            assertFitsTheWidth(page, 390);
            browser.screenshot("back-office-legal-basis-dialog-390");
            browser.size(1280, 1000);

            HttpResponse<byte[]> export = get(page, "/contacts/" + contactId + "/export.xlsx", ofBytes());
            assertThat(export.statusCode()).isEqualTo(200);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
                assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Summary");
                List<String> changes = column(workbook.getSheet("History"), "Change");
                assertThat(changes).contains("Consent given", "Consent withdrawn", "Legal basis ended");
            }
            HttpResponse<String> nobody =
                    get(page, "/contacts/" + uniqueId("nobody"), HttpResponse.BodyHandlers.ofString());
            assertThat(nobody.statusCode())
                    .as("an unknown contact is not found, not a fault")
                    .isEqualTo(404);
            assertThat(nobody.body()).contains("<h1>Not found</h1>");
            assertThat(get(page, "/audit", HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("the auditor's view is not a CRM user's")
                    .isEqualTo(403);
            page.findElement(By.cssSelector("#legal-basis [data-close]")).click();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !page.findElement(By.id("legal-basis")).isDisplayed());
            signOut(page);
        }
    }

    @Test
    void anAuditorReadsEverythingChangesNothingAndBrowsesTheLedger() throws Exception {
        String contactId = registerContact(uniqueId("audited"));
        // The as-of form takes whole seconds: a moment after the registration, and the consent only after it.
        Instant beforeConsent =
                lastRecordedAt(contactId).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(beforeConsent));
        grant(contactId, "e-marketing");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                                "{\"sourceId\":\"email\",\"reason\":\"Too many mails\"}")
                        .status())
                .isEqualTo(200);

        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            signIn(page, "auditor", "auditor-secret");
            page.get("http://localhost:" + port() + "/contacts/" + contactId + "?panel=legal-basis");
            assertThat(page.findElement(By.id("legal-basis")).isDisplayed()).isTrue();
            assertThat(page.findElements(By.id("grant"))).isEmpty();
            assertThat(page.findElements(By.id("document"))).isEmpty();
            assertThat(page.findElements(By.id("resend"))).isEmpty();
            assertThat(page.findElements(By.cssSelector("button.withdraw"))).isEmpty();
            long before = eventsOf(contactId);
            for (String path : List.of(
                    "/contacts/" + contactId + "/consents",
                    "/contacts/" + contactId + "/confirmation-email",
                    "/contacts/" + contactId + "/profile-link",
                    "/contacts",
                    "/settings/legal-bases/CONTRACT",
                    "/projections/history/replay")) {
                assertThat(post(page, path, "purposeId=e-marketing&sourceId=web-form&name=X")
                                .statusCode())
                        .as("POST " + path)
                        .isEqualTo(403);
            }
            assertThat(eventsOf(contactId))
                    .as("the refused posts recorded nothing")
                    .isEqualTo(before);
            HttpResponse<String> stale = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port() + "/contacts/" + contactId + "/consents"))
                                    .header("Cookie", "SESSION=ended")
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "_csrf=of-an-ended-session&purposeId=e-marketing&sourceId=web-form"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).as("a form of an ended session").isEqualTo(302);
            assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
            assertThat(eventsOf(contactId)).isEqualTo(before);

            page.get("http://localhost:" + port() + "/");
            page.findElement(By.linkText("Audit")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith("Audit"));
            page.findElement(By.id("contactId")).sendKeys(contactId);
            submit(page, "filters");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(page.findElement(By.id("found")).getText())
                                    .isEqualTo("4 changes"));
            assertThat(cellsOf(page, "#changes", "what"))
                    .containsExactly(
                            "Consent withdrawn", "Consent given", "Legal basis documented", "Contact registered");
            new Select(page.findElement(By.id("change"))).selectByValue("CONSENT_WITHDRAWN");
            page.findElement(By.id("actor")).sendKeys("crm-sync");
            submit(page, "filters");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(page.findElement(By.id("found")).getText())
                                    .isEqualTo("1 change"));
            assertThat(cellsOf(page, "#changes", "who")).containsExactly("crm-sync");
            browser.screenshot("back-office-audit");
            browser.size(390, 844);
            assertFitsTheWidth(page, 390);
            browser.size(1280, 1000);

            page.findElement(By.id("asof-contact")).sendKeys(contactId);
            page.executeScript(
                    "document.getElementById('asof-time').value = arguments[0];",
                    LocalDateTime.ofInstant(beforeConsent, ZoneOffset.UTC).toString());
            submit(page, "as-of");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("as-of-summary")).isEmpty());
            assertThat(page.findElement(By.id("purpose-e-marketing"))
                            .findElement(By.className("status"))
                            .getText())
                    .as("before the consent, the ledger knew of none")
                    .isEqualTo("Not recorded");
            assertThat(page.findElement(By.id("as-of-summary")).getText())
                    .isEqualTo("Legitimate interests: Sales and service");
            browser.screenshot("back-office-as-of");

            HttpResponse<byte[]> export = get(page, "/audit/export.xlsx", ofBytes());
            assertThat(export.statusCode()).isEqualTo(200);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
                List<String> aggregates = column(workbook.getSheet("Events"), "Aggregate id");
                assertThat(aggregates).contains(contactId, "purpose/e-marketing");
            }
            HttpResponse<String> unreadable =
                    get(page, "/audit/export.xlsx?from=yesterday", HttpResponse.BodyHandlers.ofString());
            assertThat(unreadable.statusCode())
                    .as("an unreadable time exports nothing")
                    .isEqualTo(303);
            page.get("http://localhost:" + port() + "/audit/export.xlsx?from=yesterday");
            assertThat(page.findElement(By.id("from-error")).getText()).contains("2026-03-01T12:00");
            HttpResponse<String> ndjson = get(page, "/audit/events.ndjson", HttpResponse.BodyHandlers.ofString());
            assertThat(ndjson.statusCode()).isEqualTo(200);
            assertThat(ndjson.body()).contains("\"" + contactId + "\"");

            page.findElement(By.linkText("Projections")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith("Projections"));
            assertThat(page.findElements(By.cssSelector("#projections tbody tr")))
                    .hasSize(ReadModels.ALL.size());
            browser.size(390, 844);
            assertFitsTheWidth(page, 390);
            browser.size(1280, 1000);
            assertThat(page.findElements(By.cssSelector("#projections button")))
                    .as("only admins rebuild")
                    .isEmpty();

            page.findElement(By.linkText("Dansk")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.findElement(By.tagName("h1")).getText().equals("Kontakter"));
            page.get("http://localhost:" + port() + "/projections");
            assertThat(page.findElement(By.tagName("h1")).getText())
                    .as("the language sticks")
                    .isEqualTo("Projektioner");
            page.get("http://localhost:" + port() + "/contacts/" + contactId);
            assertThat(page.findElement(By.id("legal-basis-field")).getText())
                    .as("the field's line in Danish; purpose names are as the admin wrote them")
                    .isEqualTo("Legitime interesser: Sales and service");
        }
    }

    @Test
    void speaksTheBrowsersLanguage() throws Exception {
        HttpResponse<String> danish = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/login"))
                                .header("Accept-Language", "da-DK,da;q=0.9,en;q=0.5")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(danish.body()).contains("<h1>Log ind</h1>").contains("lang=\"da\"");
        HttpResponse<String> english = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/login"))
                                .header("Accept-Language", "en-GB")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(english.body()).contains("<h1>Sign in</h1>");
    }

    @Test
    void searchesContactsByNameWithoutPuttingTheNameInTheAddress() {
        String name = uniqueId("Pager");
        for (int i = 0; i < 21; i++) {
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts", """
                                    {"contactId":"%s","name":"%s %d","email":"p%d@example.com","sourceId":"import"}""".formatted(uniqueId("paged"), name, i, i))
                            .status())
                    .isEqualTo(201);
        }
        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            signIn(page, "auditor", "auditor-secret");
            page.findElement(By.id("q")).sendKeys(name.toLowerCase(), "\n");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("21 contacts found"));
            assertThat(page.findElements(By.cssSelector("main table tbody tr"))).hasSize(20);
            assertThat(page.getCurrentUrl()).doesNotContain(name.toLowerCase()).doesNotContain("Pager");
            page.findElement(By.cssSelector(".pager button[value='1']")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.findElements(By.cssSelector("main table tbody tr"))
                                    .size()
                            == 1);
            assertThat(page.findElement(By.cssSelector(".pager button[aria-current]"))
                            .getText())
                    .isEqualTo("2");
            assertThat(page.findElement(By.cssSelector("main table tbody tr")).getText())
                    .contains(name);
        }
    }

    @Test
    void anAdminRebuildsAProjectionAndWatchesItFinish() {
        String contactId = registerContact(uniqueId("rebuilt"));
        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            signIn(page, "admin", "admin-secret");
            page.findElement(By.linkText("Projections")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith("Projections"));
            page.findElement(By.cssSelector("#projection-history button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Rebuild of history started."));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                page.navigate().refresh();
                assertThat(page.findElement(By.cssSelector("#projection-history .status"))
                                .getText())
                        .isEqualTo("Up to date");
            });
            assertThat(changes(contactId, "CONTACT_REGISTERED")).contains("CONTACT_REGISTERED");
        }
    }

    private void signIn(ChromeDriver page, String user, String password) {
        page.get("http://localhost:" + port() + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().contains("/login"));
        page.findElement(By.id("username")).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.cssSelector("form[action$='/login'] button")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !page.findElements(By.id("q")).isEmpty());
    }

    private static void signOut(ChromeDriver page) {
        page.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().contains("/login"));
    }

    private static void submit(ChromeDriver page, String formId) {
        page.findElement(By.cssSelector("#" + formId + " button[type=submit]")).click();
    }

    private static void assertFitsTheWidth(ChromeDriver page, int width) {
        Long scrollWidth = (Long) page.executeScript("return document.documentElement.scrollWidth;");
        Object wide = page.executeScript(
                "return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().right > arguments[0] + 1)"
                        + ".slice(-5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ');",
                width);
        assertThat(scrollWidth)
                .as("no sideways scrolling at %d px; too wide: %s", width, wide)
                .isLessThanOrEqualTo(width);
    }

    private static List<String> cells(WebElement row) {
        List<String> cells = new ArrayList<>();
        for (WebElement cell : row.findElements(By.xpath("./th|./td"))) {
            cells.add(cell.getText());
        }
        return cells;
    }

    private static List<String> history(ChromeDriver page, String column) {
        return cellsOf(page, "#history", column);
    }

    private static List<String> cellsOf(ChromeDriver page, String table, String column) {
        List<String> cells = new ArrayList<>();
        for (WebElement cell : page.findElements(By.cssSelector(table + " tbody tr ." + column))) {
            cells.add(cell.getText());
        }
        return cells;
    }

    private static List<String> column(Sheet sheet, String header) {
        Row first = sheet.getRow(0);
        int index = -1;
        for (int column = 0; column < first.getLastCellNum(); column++) {
            if (first.getCell(column).getStringCellValue().equals(header)) {
                index = column;
            }
        }
        assertThat(index).as("column " + header).isNotNegative();
        List<String> values = new ArrayList<>();
        for (int row = 1; row <= sheet.getLastRowNum(); row++) {
            values.add(sheet.getRow(row).getCell(index).getStringCellValue());
        }
        return values;
    }

    private <T> HttpResponse<T> get(ChromeDriver page, String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                                .header("Cookie", "SESSION=" + session(page))
                                .build(),
                        body);
    }

    private HttpResponse<String> post(ChromeDriver page, String path, String form) throws Exception {
        String csrf = page.findElement(By.name("_csrf")).getAttribute("value");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                                .header("Cookie", "SESSION=" + session(page))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&" + form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String session(ChromeDriver page) {
        // Spring Session's cookie: sessions live in the database, for every node.
        return page.manage().getCookieNamed("SESSION").getValue();
    }

    private static HttpResponse.BodyHandler<byte[]> ofBytes() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }
}
