package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The back office's import page: upload a file, see the dry run's findings, import it and follow its progress. */
class ImportPageTest extends LedgerTest {

    @Test
    void checksAFileWithADryRunThenImportsItAndShowsItsProgress() throws Exception {
        String good = uniqueId("page");
        String bad = uniqueId("page");
        String file = "contactId,name,email,sourceId,purposeId\n"
                + good + ",Ann Smith," + good + "@example.com,import,e-marketing\n"
                + bad + ",Bob Jones,not-an-email,import,\n";
        FormClient browser = new FormClient(port());
        browser.signIn(Api.INTEGRATOR, Api.passwordOf(Api.INTEGRATOR));
        HttpResponse<String> form = browser.get("/imports", "da");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Importér kontakter og samtykker");

        String dryRun = FormClient.location(
                browser.postFile("/imports", FormClient.csrf(form), Map.of("dryRun", "true"), "crm.csv", file));
        HttpResponse<String> findings = browser.get(dryRun, "en");

        assertThat(findings.body())
                .contains("Findings of the dry run", "must be a well-formed email address")
                .doesNotContain("not-an-email");
        assertThat(eventsOf(good)).isZero();

        String run = FormClient.location(
                browser.postFile("/imports", FormClient.csrf(findings), Map.of("dryRun", "false"), "crm.csv", file));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.get(run, "en").body().contains("Finished"));
        HttpResponse<String> finished = browser.get(run, "en");
        assertThat(finished.body()).contains("<progress id=\"import-progress\" value=\"2\" max=\"2\"");
        assertThat(consentCheck(good, "e-marketing").get("allowed").asBoolean()).isTrue();
        HttpResponse<String> errors = browser.get(run + "/errors.csv", "en");
        assertThat(errors.statusCode()).isEqualTo(200);
        assertThat(errors.body()).contains("2,\"email\"");
    }
}
