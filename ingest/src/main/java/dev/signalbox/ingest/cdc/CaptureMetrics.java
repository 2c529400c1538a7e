package dev.signalbox.ingest.cdc;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what change capture publishes, per topic. */
@Component
class CaptureMetrics {

    private final MeterRegistry registry;

    CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String topic) {
        Counter.builder("signalbox.cdc.events.published")
                .description("Change events published to Kafka")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }
}
