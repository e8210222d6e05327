package io.consentledger.app.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts signed batches to receivers: through {@link WebhookAddresses}'s resolver (no special addresses unless allowed),
 * never following a redirect, with a connect and a response timeout, reading at most a few bytes of the answer.
 */
final class ReceiverClient implements AutoCloseable {

    static final String DELIVERY_HEADER = "Consent-Ledger-Delivery";
    static final String SIGNATURE_HEADER = "Consent-Ledger-Signature";

    /** What a delivery came to: delivered (a 2xx), and the status shown (the HTTP status, or what went wrong). */
    record Answer(boolean delivered, String status) {}

    private final CloseableHttpClient client;
    private final int maxResponseBytes;

    ReceiverClient(WebhookAddresses addresses, WebhookSettings settings) {
        this.maxResponseBytes = settings.maxResponseBytes();
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses.resolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Consent-Ledger-Webhooks/1")
                .build();
    }

    /** Posts the body, signed with the secret at the time given (unix seconds). */
    Answer post(URI url, String deliveryId, String secret, byte[] body, long unixSeconds) {
        HttpPost post = new HttpPost(url);
        post.setHeader(DELIVERY_HEADER, deliveryId);
        post.setHeader(SIGNATURE_HEADER, signature(secret, unixSeconds, body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try (ClassicHttpResponse answer = client.executeOpen(null, post, null)) {
            skimmed(answer.getEntity());
            int status = answer.getCode();
            return new Answer(status >= 200 && status < 300, Integer.toString(status));
        } catch (WebhookAddresses.RefusedAddress e) {
            return new Answer(false, "refused-address");
        } catch (SocketTimeoutException e) {
            return new Answer(false, "timeout");
        } catch (java.net.UnknownHostException e) {
            return new Answer(false, "unknown-host");
        } catch (IOException e) {
            return new Answer(false, "connection-failed");
        }
    }

    /** {@code t=<unix seconds>,v1=<hex of HMAC-SHA256(secret, t + "." + body)>}. */
    static String signature(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Reads at most the limit of the answer's body; the rest stays unread: closing the response (not the stream, which
     * would read to the end to reuse the connection) discards the connection.
     */
    private void skimmed(HttpEntity entity) throws IOException {
        if (entity == null) {
            return;
        }
        InputStream in = entity.getContent();
        if (in != null) {
            in.readNBytes(maxResponseBytes);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
