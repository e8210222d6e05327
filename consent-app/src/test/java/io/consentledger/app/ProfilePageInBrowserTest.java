package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.consentledger.app.support.Browser;
import io.consentledger.app.support.EnabledIfBrowser;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.Mailbox;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.profile.ProfileSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The person opens the links from their emails in a real browser: withdraws a consent on the profile page, gives one
 * that needs confirmation and confirms it from the mail; links that were altered or have expired are refused.
 */
@EnabledIfBrowser
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "consent.profile.secret=browser-test-secret"})
class ProfilePageInBrowserTest extends LedgerTest {

    /** A free port of this class's own, so that test runs side by side never share a mail server. */
    static final int SMTP_PORT = Mailbox.freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(Mailbox.smtpOn(SMTP_PORT))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private final Mailbox mailbox = new Mailbox(SMTP);

    @Autowired
    private ProfileLinks links;

    @Autowired
    private ProfileSettings settings;

    @Test
    void thePersonWithdrawsEMarketingFromTheLinkInTheirEmail() throws Exception {
        String contactId = uniqueId("browser");
        String email = contactId + "@example.com";
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts",
                                "{\"contactId\":\"" + contactId
                                        + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                                        + "\",\"sourceId\":\"business-card\",\"locale\":\"en\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents",
                                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                        .status())
                .isEqualTo(201);
        String path = Mailbox.linkPath(mailbox.awaitMails(email, 1).get(0), "/privacy/profile/");

        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            page.get("http://localhost:" + port() + path);
            assertThat(page.getTitle()).isEqualTo("Your privacy profile");
            assertThat(page.findElement(By.tagName("main")).getText())
                    .contains("Ann Smith")
                    .contains(email);
            browser.screenshot("profile-page-desktop");
            browser.size(390, 844);
            browser.screenshot("profile-page-phone");

            WebElement marketing = page.findElement(By.id("purpose-e-marketing"));
            assertThat(marketing.findElement(By.className("status")).getText()).isEqualTo("In force");
            WebElement withdraw = marketing.findElement(By.cssSelector("button.withdraw"));
            assertThat(withdraw.getText()).isEqualTo("Withdraw consent");
            withdraw.click();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Your consent is withdrawn."));
            assertThat(page.findElement(By.id("purpose-e-marketing"))
                            .findElement(By.className("status"))
                            .getText())
                    .isEqualTo("Withdrawn");
            browser.screenshot("profile-page-after-withdrawal");

            JsonNode check = consentCheck(contactId, "e-marketing");
            assertThat(check.get("allowed").asBoolean()).isFalse();
            assertThat(check.get("status").asText()).isEqualTo("WITHDRAWN");

            int middle = path.lastIndexOf('/') + (path.length() - path.lastIndexOf('/')) / 2;
            String tampered =
                    path.substring(0, middle) + (path.charAt(middle) == 'A' ? 'B' : 'A') + path.substring(middle + 1);
            page.get("http://localhost:" + port() + tampered);
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This link does not work");
            browser.screenshot("profile-page-refused");
        }
    }

    @Test
    void thePersonGivesAConsentThatNeedsConfirmationAndConfirmsItFromTheEmail() throws Exception {
        String contactId = uniqueId("browser");
        String email = contactId + "@example.com";
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts", """
                                {"contactId":"%s","name":"Ann Smith","email":"%s","sourceId":"import","locale":"en"}""".formatted(contactId, email))
                        .status())
                .isEqualTo(201);
        String profile = links.create(contactId).url().replace(settings.baseUrl(), "");

        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(1280, 1000);
            page.get("http://localhost:" + port() + profile);
            page.findElement(By.id("purpose-e-marketing"))
                    .findElement(By.cssSelector("button.give"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("Almost done"));
            assertThat(status(page)).startsWith("Waiting for your confirmation");
            assertThat(consentCheck(contactId, "e-marketing").get("allowed").asBoolean())
                    .isFalse();
            browser.screenshot("profile-page-waiting-for-confirmation");

            String confirm = Mailbox.linkPath(mailbox.awaitMails(email, 1).get(0), "/privacy/confirm/");
            page.get("http://localhost:" + port() + confirm);
            assertThat(page.getTitle()).isEqualTo("Confirm your consent");
            assertThat(page.findElement(By.tagName("main")).getText())
                    .contains("E-marketing")
                    .contains("Yes, I would like to receive news and offers by email.");
            browser.screenshot("confirm-page");
            WebElement button = page.findElement(By.cssSelector("button.give"));
            assertThat(button.getText()).isEqualTo("Confirm my consent");
            button.click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getPageSource().contains("your consent is confirmed"));
            browser.screenshot("confirm-page-confirmed");
            JsonNode check = consentCheck(contactId, "e-marketing");
            assertThat(check.get("allowed").asBoolean()).isTrue();
            assertThat(check.get("status").asText()).isEqualTo("GRANTED");

            page.findElement(By.linkText("See and change all your choices on your profile page"))
                    .click();
            await().atMost(Duration.ofSeconds(10)).until(() -> "Your privacy profile".equals(page.getTitle()));
            assertThat(status(page)).isEqualTo("In force");
        }
    }

    @Test
    void expiredLinksGetTheRefusalPage() throws Exception {
        String contactId = registerContact(uniqueId("browser"));
        ProfileLinks monthAgo =
                new ProfileLinks(settings, Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)), settings.secret());
        String expiredProfile = monthAgo.create(contactId).url().replace(settings.baseUrl(), "");
        String expiredConfirmation = links.confirmation(
                        contactId, "e-marketing", "consent-1", Instant.now().minusSeconds(60))
                .url()
                .replace(settings.baseUrl(), "");

        try (Browser browser = new Browser()) {
            ChromeDriver page = browser.driver();
            browser.size(390, 844);
            page.get("http://localhost:" + port() + expiredProfile);
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This link has expired");
            assertThat(page.getPageSource()).doesNotContain(contactId);
            page.get("http://localhost:" + port() + expiredConfirmation);
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This link has expired");
            assertThat(page.findElement(By.tagName("main")).getText()).contains("not confirmed in time");
            browser.screenshot("confirm-page-expired");
        }
    }

    private static String status(ChromeDriver page) {
        return page.findElement(By.id("purpose-e-marketing"))
                .findElement(By.className("status"))
                .getText();
    }
}
