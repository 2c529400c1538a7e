package dev.signalbox.ingest.cdc;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what change capture publishes, per topic. */
@Component
class CaptureMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer lag;

    CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("signalbox.cdc.capture.lag")
                .description("From the commit in PostgreSQL to Kafka's acknowledgement of its change event")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Changes acknowledged by Kafka, counted per topic; cached because this runs for every batch. */
    void published(String topic, int count) {
        counters.computeIfAbsent(topic, name -> Counter.builder("signalbox.cdc.events.published")
                .description("Change events published to Kafka, per topic (one topic per captured table)")
                .tag("topic", name)
                .register(registry)).increment(count);
    }

    /** From the commit in PostgreSQL to Kafka's acknowledgement, sampled once per batch. */
    void captureLag(long committedAtMillis) {
        lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - committedAtMillis)));
    }
}
