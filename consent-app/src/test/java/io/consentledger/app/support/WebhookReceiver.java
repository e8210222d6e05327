package io.consentledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver in the test: the JDK's HTTP server on localhost that checks each delivery's signature the
 * way docs/integrations.md tells integrators to, answers as the test says (accept, fail, redirect, hold), and keeps
 * every delivery it got. It can be stopped (it goes away: connections are refused) and started again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** How the receiver answers the next deliveries. */
    public enum Mode {
        ACCEPT,
        FAIL,
        REDIRECT,
        /** Holds each request until {@link #release()}, then answers 503. */
        HOLD,
        /** Holds each request until {@link #release()}, then answers as {@link #ACCEPT} does. */
        HOLD_THEN_ACCEPT
    }

    /** One delivery as received: its id, whether its signature checked out, its changes, and what was answered. */
    public record Delivery(String deliveryId, boolean signatureValid, List<JsonNode> changes, int answered) {
        public boolean acknowledged() {
            return answered >= 200 && answered < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile HttpServer server;
    private volatile Mode mode = Mode.ACCEPT;
    private volatile String secret;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private final AtomicInteger holding = new AtomicInteger();

    public WebhookReceiver() {
        this.port = Mailbox.freePort();
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public void mode(Mode mode) {
        if (mode == Mode.HOLD || mode == Mode.HOLD_THEN_ACCEPT) {
            held = new CountDownLatch(1);
        }
        this.mode = mode;
    }

    /** Lets held requests go (they are answered 503). */
    public void release() {
        held.countDown();
    }

    /** How many requests are being held now. */
    public int holding() {
        return holding.get();
    }

    public synchronized void start() {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            started.createContext("/hook", this::hook);
            started.createContext("/elsewhere", exchange -> {
                redirectTargetHits.incrementAndGet();
                answer(exchange, 200);
            });
            started.setExecutor(Executors.newCachedThreadPool());
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Goes away: the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** The changes of every acknowledged delivery, in the order they were acknowledged. */
    public List<JsonNode> acknowledged() {
        List<JsonNode> changes = new ArrayList<>();
        deliveries.stream().filter(Delivery::acknowledged).forEach(delivery -> changes.addAll(delivery.changes()));
        return changes;
    }

    /** The acknowledged changes of the test's own contacts. */
    public List<JsonNode> acknowledged(Predicate<String> contactIds) {
        return acknowledged().stream()
                .filter(change -> contactIds.test(change.get("contactId").asText()))
                .toList();
    }

    public int redirectTargetHits() {
        return redirectTargetHits.get();
    }

    /** The most deliveries that were in flight at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    private void hook(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String deliveryId = exchange.getRequestHeaders().getFirst("Consent-Ledger-Delivery");
            boolean valid = verifies(exchange.getRequestHeaders().getFirst("Consent-Ledger-Signature"), body);
            JsonNode batch = JSON.readTree(body);
            List<JsonNode> changes = new ArrayList<>();
            batch.get("changes").forEach(changes::add);
            Mode answering = mode;
            int status = switch (answering) {
                case ACCEPT, HOLD_THEN_ACCEPT ->
                    valid && deliveryId.equals(batch.get("deliveryId").asText()) ? 200 : 401;
                case FAIL -> 500;
                case REDIRECT -> 302;
                case HOLD -> 503;
            };
            if (answering == Mode.HOLD || answering == Mode.HOLD_THEN_ACCEPT) {
                holding.incrementAndGet();
                try {
                    held.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holding.decrementAndGet();
                }
            }
            if (answering == Mode.REDIRECT) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/elsewhere");
            }
            deliveries.add(new Delivery(deliveryId, valid, changes, status));
            answer(exchange, status);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The check docs/integrations.md shows: HMAC-SHA256 of "t.body", compared in constant time, t recent. */
    private boolean verifies(String header, byte[] body) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        stop();
    }
}
