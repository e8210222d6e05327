package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentledger.app.support.Browser;
import io.consentledger.app.support.EnabledIfBrowser;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A CRM user signs in to the back office, finds a contact, opens the legal-basis field and records and withdraws a
 * consent in its dialog, sees who did it when, and exports the workbook; an auditor sees no controls and is refused.
 */
@EnabledIfBrowser
class BackOfficeInBrowserTest extends LedgerTest {

    private static final String NAME = "<script>alert(1)</script> Ann";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Test
    void aCrmUserRecordsAndWithdrawsConsentOnTheContactCard() throws Exception {
        String contactId = uniqueId("card");
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts", """
                                {"contactId":"%s","name":"%s","email":"ann@example.com","sourceId":"import"}""".formatted(contactId, NAME.replace("\"", "\\\"")))
                        .status())
                .isEqualTo(201);

        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            signIn(page, "crm-sync", "crm-secret");

            page.findElement(By.id("q")).sendKeys("script>alert", "\n");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.linkText(contactId)).isEmpty());
            assertThat(page.findElement(By.tagName("main")).getText()).contains(NAME);
            page.findElement(By.linkText(contactId)).click();

            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith(contactId));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo(NAME);
            assertThat(page.findElement(By.id("legal-basis-field")).getText())
                    .isEqualTo("Legitimate interests: Sales and service");
            browser.screenshot("back-office-contact-card");

            page.findElement(By.id("legal-basis-field")).click();
            WebElement dialog = page.findElement(By.id("legal-basis"));
            await().atMost(Duration.ofSeconds(5)).until(dialog::isDisplayed);
            browser.screenshot("back-office-legal-basis-dialog");

            new Select(page.findElement(By.id("grant-purpose"))).selectByValue("e-marketing");
            new Select(page.findElement(By.id("grant-source"))).selectByValue("web-form");
            page.findElement(By.id("grant-detail")).sendKeys("Booth 12");
            page.findElement(By.cssSelector("#grant button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Consent recorded."));
            WebElement marketing = page.findElement(By.id("purpose-e-marketing"));
            assertThat(marketing.findElement(By.className("status")).getText()).isEqualTo("In force");
            assertThat(marketing.findElement(By.className("by")).getText()).isEqualTo("crm-sync");
            assertThat(page.findElement(By.id("legal-basis")).isDisplayed()).isTrue();

            new Select(marketing.findElement(By.tagName("select"))).selectByValue("email");
            marketing.findElement(By.cssSelector("button.withdraw")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Consent withdrawn."));
            assertThat(page.findElement(By.id("purpose-e-marketing"))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Withdrawn");
            List<String> changes = new ArrayList<>();
            List<String> actors = new ArrayList<>();
            for (WebElement row : page.findElements(By.cssSelector("#history tbody tr"))) {
                changes.add(row.findElement(By.className("what")).getText());
                actors.add(row.findElement(By.className("who")).getText());
            }
            assertThat(changes).startsWith("Consent withdrawn", "Consent given");
            assertThat(actors).startsWith("crm-sync", "crm-sync");
            browser.screenshot("back-office-dialog-after-withdrawal");

            String session = page.manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<byte[]> export = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port() + "/contacts/" + contactId + "/export.xlsx"))
                                    .header("Cookie", "JSESSIONID=" + session)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(export.statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port() + "/contacts/" + uniqueId("nobody")))
                                    .header("Cookie", "JSESSIONID=" + session)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode())
                    .as("an unknown contact is not found, not a fault")
                    .isEqualTo(404);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
                assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Summary");
                assertThat(workbook.getSheet("History").getLastRowNum()).isGreaterThanOrEqualTo(4);
            }

            page.findElement(By.cssSelector("#legal-basis [data-close]")).click();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !page.findElement(By.id("legal-basis")).isDisplayed());
            page.findElement(By.cssSelector("form[action$='/logout'] button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getCurrentUrl().contains("/login"));
            signIn(page, "auditor", "auditor-secret");
            page.get("http://localhost:" + port() + "/contacts/" + contactId + "?panel=legal-basis");
            assertThat(page.findElements(By.id("grant"))).isEmpty();
            assertThat(page.findElements(By.cssSelector("button.withdraw"))).isEmpty();
            String csrf = page.findElement(By.name("_csrf")).getAttribute("value");
            String auditorSession = page.manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port() + "/contacts/" + contactId + "/consents"))
                                    .header("Cookie", "JSESSIONID=" + auditorSession)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "_csrf=" + csrf + "&purposeId=e-marketing&sourceId=web-form"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(eventsOf(contactId))
                    .as("the refused post recorded nothing")
                    .isEqualTo(4);
        }
    }

    @Test
    void anAdminDefinesAPurposeWithInlineValidationAndItIsOfferedOnTheCard() throws Exception {
        String contactId = registerContact(uniqueId("card"));
        String purposeId = uniqueId("newsletter");
        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            signIn(page, "admin", "admin-secret");
            page.findElement(By.linkText("Privacy settings")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> page.getTitle().startsWith("Privacy settings"));

            page.findElement(By.id("purposeId")).sendKeys("Not A Slug");
            page.findElement(By.id("name")).sendKeys("Newsletter");
            page.findElement(By.cssSelector("#define-purpose button[type=submit]"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.id("purposeId-error")).isEmpty());
            assertThat(page.findElement(By.id("purposeId-error")).getText()).contains("slug");
            assertThat(page.findElement(By.id("name")).getAttribute("value")).isEqualTo("Newsletter");

            page.findElement(By.id("purposeId")).clear();
            page.findElement(By.id("purposeId")).sendKeys(purposeId);
            page.findElement(By.id("consentText")).sendKeys("Yes, send me the newsletter.");
            page.findElement(By.cssSelector("#define-purpose button[type=submit]"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Purpose defined."));
            WebElement row = page.findElement(By.id("purpose-" + purposeId));
            assertThat(row.findElement(By.className("status")).getText()).isEqualTo("Active");
            browser.screenshot("back-office-settings");

            page.get("http://localhost:" + port() + "/contacts/" + contactId + "?panel=legal-basis");
            new Select(page.findElement(By.id("grant-purpose"))).selectByValue(purposeId);
            new Select(page.findElement(By.id("grant-source"))).selectByValue("web-form");
            page.findElement(By.cssSelector("#grant button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Consent recorded."));
            WebElement granted = page.findElement(By.id("purpose-" + purposeId));
            assertThat(granted.findElement(By.className("status")).getText()).isEqualTo("In force");
            assertThat(granted.findElement(By.className("by")).getText()).isEqualTo("admin");
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
}
