package io.consentledger.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentledger.app.support.WebhookReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where webhooks may go in production ({@code allow-private-addresses=false}): https, public addresses only. */
class WebhookAddressesTest {

    private final WebhookAddresses production = new WebhookAddresses(false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://224.0.0.1/hook",
                "https://198.18.0.1/hook"
            })
    void refusesLoopbackPrivateLinkLocalAndOtherSpecialAddresses(String url) {
        assertThatThrownBy(() -> production.checked(url))
                .isInstanceOf(WebhookUrlRefused.class)
                .hasMessageContaining("special address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.215.14/hook",
                "https://user:password@93.184.215.14/hook",
                "https://93.184.215.14/hook#fragment",
                "/relative/hook",
                "https://exa mple.com/"
            })
    void refusesPlainHttpCredentialsFragmentsAndWhatIsNoUrl(String url) {
        assertThatThrownBy(() -> production.checked(url)).isInstanceOf(WebhookUrlRefused.class);
    }

    @Test
    void acceptsAnHttpsUrlOfAPublicAddress() {
        assertThat(production.checked("https://93.184.215.14:8443/hook?tenant=7"))
                .isEqualTo(URI.create("https://93.184.215.14:8443/hook?tenant=7"));
    }

    @Test
    void allowingPrivateAddressesAllowsPlainHttpToLoopbackForTestsAndLocalUse() {
        assertThat(new WebhookAddresses(true).checked("http://127.0.0.1:8080/hook"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
    }

    @Test
    void publicAddressesAreNotSpecial() throws Exception {
        assertThat(WebhookAddresses.isSpecial(InetAddress.getByName("93.184.215.14")))
                .isFalse();
        assertThat(WebhookAddresses.isSpecial(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c")))
                .isFalse();
    }

    /**
     * The check at delivery (a name that resolved to a public address at registration may resolve to an inside one
     * later): the delivery's own resolver refuses a special address before anything is sent.
     */
    @Test
    void aDeliveryToAHostThatResolvesToASpecialAddressIsRefusedBeforeAnythingIsSent() throws Exception {
        WebhookSettings settings = new WebhookSettings(
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                10,
                Duration.ofSeconds(1),
                1024);
        try (WebhookReceiver receiver = new WebhookReceiver();
                ReceiverClient client = new ReceiverClient(production, settings)) {
            String local = receiver.url().replace("127.0.0.1", "localhost");
            ReceiverClient.Answer answer = client.post(
                    URI.create(local), "d-1", "secret", "{}".getBytes(StandardCharsets.UTF_8), 1_700_000_000L);

            assertThat(answer.delivered()).isFalse();
            assertThat(answer.status()).isEqualTo("refused-address");
            assertThat(receiver.deliveries()).isEmpty();
        }
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheTimeADotAndTheBody() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(ReceiverClient.signature("whsec_test", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }
}
