package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.consentledger.app.support.Browser;
import io.consentledger.app.support.EnabledIfBrowser;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The person opens the link from their confirmation email in a real browser and withdraws their consent. */
@EnabledIfBrowser
@TestPropertySource(properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
class ProfilePageInBrowserTest extends LedgerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/privacy/profile/[A-Za-z0-9_-]+)");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

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
        String path = linkFromMailTo(email);

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

            JsonNode check = api.get(
                            INTEGRATOR,
                            "/api/v1/consents/check?contactId=" + contactId + "&purposeId=e-marketing&wait=true")
                    .json();
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

    private static String linkFromMailTo(String email) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email) != null);
        Matcher matcher = LINK.matcher(GreenMailUtil.getBody(mailTo(email)).replace("=\r\n", ""));
        assertThat(matcher.find()).as("a profile link in the email").isTrue();
        return matcher.group(1);
    }

    private static MimeMessage mailTo(String email) throws Exception {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                return message;
            }
        }
        return null;
    }
}
