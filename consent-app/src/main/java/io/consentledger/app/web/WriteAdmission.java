package io.consentledger.app.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Keeps writes from running ahead of the read models (see {@link WriteAdmissionSettings}): under more load than the
 * projections can follow, request threads would take the cores and what a 2xx acknowledged would become visible to
 * {@code wait=false} reads ever later. A write to the API that finds the read models too far behind waits until they
 * are within the limit again, or until the longest wait has passed, and then goes ahead; reads, and POSTs that only read, never wait here.
 */
public final class WriteAdmission implements HandlerInterceptor {

    /** Writes that had to wait, by how they went ahead: {@code caught-up} or {@code max-wait}. */
    static final String WAITS = "consent.write.admission.waits";

    /** The backlog writes are admitted by, as a gauge. */
    static final String BACKLOG = "consent.write.admission.backlog";

    /**
     * The waits' histogram buckets, from the pause between two looks at the backlog to beyond the default longest wait
     * (1 s): 11 series per outcome with +Inf.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofMillis(1000),
        Duration.ofMillis(2500),
        Duration.ofMillis(5000)
    };

    /** The OpenAPI extension that marks an operation that records nothing (the API description's mark too). */
    public static final String RECORDS_NOTHING = "x-records-nothing";

    private static final long PAUSE_NANOS = Duration.ofMillis(2).toNanos();

    private final LongSupplier backlog;
    private final WriteAdmissionSettings settings;
    private final Timer caughtUp;
    private final Timer maxWait;

    WriteAdmission(LongSupplier backlog, WriteAdmissionSettings settings, MeterRegistry registry) {
        this.backlog = backlog;
        this.settings = settings;
        this.caughtUp = waits(registry, "caught-up");
        this.maxWait = waits(registry, "max-wait");
        Gauge.builder(BACKLOG, backlog, LongSupplier::getAsLong)
                .description("Events stored that the read model furthest behind has not processed yet (a read model"
                        + " being rebuilt does not count): above consent.write-admission.max-backlog writes wait")
                .baseUnit("events")
                .strongReference(true)
                .register(registry);
    }

    private static Timer waits(MeterRegistry registry, String outcome) {
        return Timer.builder(WAITS)
                .description("Writes that waited for the read models to catch up, by how they went ahead")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (isWrite(request.getMethod()) && !recordsNothing(handler)) {
            admit();
        }
        return true;
    }

    /**
     * A POST that only reads (a query too long for a URL, such as the check in bulk) is marked {@code
     * x-records-nothing} in its OpenAPI operation, the one mark the API description and the idempotency rules use too.
     */
    static boolean recordsNothing(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        Operation operation = method.getMethodAnnotation(Operation.class);
        if (operation == null) {
            return false;
        }
        for (Extension extension : operation.extensions()) {
            for (ExtensionProperty property : extension.properties()) {
                if (RECORDS_NOTHING.equals(property.name()) && "true".equals(property.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns once the read models are within the limit, or after the longest wait. */
    void admit() {
        if (backlog.getAsLong() <= settings.maxBacklog()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + settings.maxWait().toNanos();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(PAUSE_NANOS);
            if (backlog.getAsLong() <= settings.maxBacklog()) {
                caughtUp.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return;
            }
        }
        maxWait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static boolean isWrite(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }
}
