package dev.signalbox.ingest.cdc;

import org.springframework.stereotype.Component;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what change capture publishes, per topic. */
@Component
class CaptureMetrics {

    private final MeterRegistry registry;

    CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One change event acknowledged by Kafka.
     *
     * @param committedAtMillis when the change was committed in the source database, or 0 if unknown
     */
    void published(String topic, long committedAtMillis) {
        Counter.builder("signalbox.cdc.events.published")
                .description("Change events published to Kafka, per topic (one topic per captured table)")
                .tag("topic", topic)
                .register(registry)
                .increment();
        if (committedAtMillis > 0) {
            Timer.builder("signalbox.cdc.capture.lag")
                    .description("From the commit in PostgreSQL to Kafka's acknowledgement of its change event")
                    .tag("topic", topic)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - committedAtMillis)));
        }
    }
}
