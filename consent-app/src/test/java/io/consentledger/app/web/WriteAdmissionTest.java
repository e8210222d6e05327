package io.consentledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/** When a write waits for the read models, and that it always goes ahead. */
class WriteAdmissionTest {

    private static final WriteAdmissionSettings LIMIT_100 = new WriteAdmissionSettings(100, Duration.ofSeconds(30));

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aWriteGoesAheadAtOnceWhileTheReadModelsAreWithinTheLimit() {
        AtomicInteger asked = new AtomicInteger();
        WriteAdmission admission = new WriteAdmission(counting(asked, 100), LIMIT_100, registry);

        assertThat(admission.preHandle(post(), new MockHttpServletResponse(), null))
                .isTrue();

        assertThat(asked).hasValue(1);
        assertThat(waits("caught-up") + waits("max-wait")).isZero();
    }

    @Test
    void aWriteWaitsUntilTheReadModelsAreWithinTheLimitAgain() {
        AtomicInteger asked = new AtomicInteger();
        // Far behind for the first five looks, then caught up.
        LongSupplier backlog = () -> asked.incrementAndGet() <= 5 ? 5_000 : 0;
        WriteAdmission admission = new WriteAdmission(backlog, LIMIT_100, registry);

        assertThat(admission.preHandle(post(), new MockHttpServletResponse(), null))
                .isTrue();

        assertThat(asked).hasValue(6);
        assertThat(waits("caught-up")).isEqualTo(1);
        assertThat(waits("max-wait")).isZero();
    }

    @Test
    void aWriteGoesAheadAfterTheLongestWaitWhenTheReadModelsStayBehind() {
        WriteAdmission admission =
                new WriteAdmission(() -> 1_000_000, new WriteAdmissionSettings(100, Duration.ofMillis(20)), registry);

        assertThat(admission.preHandle(post(), new MockHttpServletResponse(), null))
                .as("delayed, never refused")
                .isTrue();

        assertThat(waits("max-wait")).isEqualTo(1);
        assertThat(waits("caught-up")).isZero();
    }

    @Test
    void theBacklogWritesAreAdmittedByIsGaugedAndEachWaitFallsIntoTheHistogramsBuckets() {
        WriteAdmission admission =
                new WriteAdmission(() -> 1_234, new WriteAdmissionSettings(100, Duration.ofMillis(20)), registry);

        admission.admit();

        assertThat(registry.get(WriteAdmission.BACKLOG).gauge().value()).isEqualTo(1_234);
        Map<Double, Double> buckets = new HashMap<>();
        for (CountAtBucket bucket : registry.get(WriteAdmission.WAITS)
                .tag("outcome", "max-wait")
                .timer()
                .takeSnapshot()
                .histogramCounts()) {
            buckets.put(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count());
        }
        assertThat(buckets)
                .as("a wait of at least 20 ms")
                .containsEntry(5.0, 0.0)
                .containsEntry(5_000.0, 1.0);
    }

    @Test
    void readsNeverAskHowFarBehindTheReadModelsAre() {
        AtomicInteger asked = new AtomicInteger();
        WriteAdmission admission = new WriteAdmission(counting(asked, 1_000_000), LIMIT_100, registry);

        for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
            assertThat(admission.preHandle(
                            new MockHttpServletRequest(method, "/api/v1/consents/check"),
                            new MockHttpServletResponse(),
                            null))
                    .isTrue();
        }

        assertThat(asked).hasValue(0);
    }

    @Test
    void aPostThatOnlyReadsNeverAsksHowFarBehindTheReadModelsAre() throws NoSuchMethodException {
        AtomicInteger asked = new AtomicInteger();
        WriteAdmission admission = new WriteAdmission(counting(asked, 1_000_000), LIMIT_100, registry);
        HandlerMethod checkInBulk = new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod("checkInBulk"));
        HandlerMethod grant = new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod("grant"));

        assertThat(admission.preHandle(post(), new MockHttpServletResponse(), checkInBulk))
                .isTrue();
        assertThat(asked).hasValue(0);

        WriteAdmission giveUpAtOnce = new WriteAdmission(
                counting(asked, 1_000_000), new WriteAdmissionSettings(100, Duration.ZERO), registry);
        assertThat(giveUpAtOnce.preHandle(post(), new MockHttpServletResponse(), grant))
                .isTrue();
        assertThat(asked).hasValue(1);
    }

    /** Handlers as the API's controllers mark them. */
    static final class Handlers {

        @Operation(extensions = @Extension(properties = @ExtensionProperty(name = "x-records-nothing", value = "true")))
        void checkInBulk() {}

        @Operation(summary = "Records a change")
        void grant() {}
    }

    private static LongSupplier counting(AtomicInteger asked, long backlog) {
        return () -> {
            asked.incrementAndGet();
            return backlog;
        };
    }

    private static MockHttpServletRequest post() {
        return new MockHttpServletRequest("POST", "/api/v1/contacts/crm-1/consents");
    }

    private long waits(String outcome) {
        return registry.get(WriteAdmission.WAITS)
                .tag("outcome", outcome)
                .timer()
                .count();
    }
}
