package dev.signalbox.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.signalbox.gateway.protocol.Frame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's Prometheus metrics: sessions, subscriptions, bytes queued for clients and the most one session holds now; deliveries, bytes, slow-client
 * and token-expiry closes, resumes (succeeded or truncated) and authentication failures as
 * counters; end-to-end delivery latency (publish time → written to the client) as a histogram.
 */
@Component
public final class GatewayMetrics {

    private final Set<GatewaySession> sessions = ConcurrentHashMap.newKeySet();
    private final Counter deliveries;
    private final Counter deliveredBytes;
    private final Counter slowClientCloses;
    private final Counter tokenExpiryCloses;
    private final Counter resumesSucceeded;
    private final Counter resumesTruncated;
    private final Counter authFailures;
    private final Timer deliveryLatency;

    public GatewayMetrics(MeterRegistry registry) {
        Gauge.builder("signalbox.gateway.sessions", sessions, Set::size).description("open client sessions").register(registry);
        Gauge.builder("signalbox.gateway.subscriptions", sessions, all -> all.stream().mapToInt(GatewaySession::subscriptionCount).sum())
                .description("channel subscriptions of all sessions").register(registry);
        Gauge.builder("signalbox.gateway.queued.bytes", sessions, all -> all.stream().mapToLong(GatewaySession::queuedBytes).sum())
                .description("outbound bytes waiting in the sessions' outboxes, each bounded by max-queued-per-session").register(registry);
        // The sum above cannot tell one session near its bound from many with a little each.
        Gauge.builder("signalbox.gateway.queued.bytes.largest", sessions, all -> all.stream().mapToLong(GatewaySession::queuedBytes).max().orElse(0))
                .description("outbound bytes waiting in the fullest session's outbox: how near the nearest session is to a too-slow close").register(registry);
        deliveries = Counter.builder("signalbox.gateway.deliveries").description("events written to clients").register(registry);
        deliveredBytes = Counter.builder("signalbox.gateway.delivered.bytes").description("frame characters written to clients").register(registry);
        slowClientCloses = Counter.builder("signalbox.gateway.closes").tag("reason", "too-slow").register(registry);
        tokenExpiryCloses = Counter.builder("signalbox.gateway.closes").tag("reason", "token-expired").register(registry);
        resumesSucceeded = Counter.builder("signalbox.gateway.resumes").tag("outcome", "succeeded").register(registry);
        resumesTruncated = Counter.builder("signalbox.gateway.resumes").tag("outcome", "truncated").register(registry);
        authFailures = Counter.builder("signalbox.gateway.auth.failures").description("tokens refused").register(registry);
        deliveryLatency = Timer.builder("signalbox.gateway.delivery.latency")
                .description("from an event's publication to its write to the client")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    void opened(GatewaySession session) {
        sessions.add(session);
    }

    void closed(GatewaySession session) {
        sessions.remove(session);
    }

    /** The sessions open now, for closing them all at shutdown. */
    List<GatewaySession> openSessions() {
        return List.copyOf(sessions);
    }

    void sent(Frame frame) {
        deliveredBytes.increment(frame.size());
        if (frame.eventTimeMillis() >= 0) {
            deliveries.increment();
            deliveryLatency.record(Math.max(0, System.currentTimeMillis() - frame.eventTimeMillis()), TimeUnit.MILLISECONDS);
        }
    }

    void tooSlow() {
        slowClientCloses.increment();
    }

    void tokenExpired() {
        tokenExpiryCloses.increment();
    }

    void resumed() {
        resumesSucceeded.increment();
    }

    void resumeTruncated() {
        resumesTruncated.increment();
    }

    public void authFailed() {
        authFailures.increment();
    }
}
