package dev.signalbox.ingest.cdc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.signalbox.events.Json;
import io.debezium.engine.ChangeEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.Header;

/**
 * Publishes each batch of change events to its topic and only then marks it processed, so the
 * engine's stored offset never runs ahead of what Kafka has acknowledged: at-least-once, and a
 * re-delivery after a crash carries the same source position (LSN) for consumers to drop.
 */
final class ChangeTopicPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final KafkaTemplate<String, String> kafka;
    private final CaptureMetrics metrics;

    ChangeTopicPublisher(KafkaTemplate<String, String> kafka, CaptureMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> events, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(events.size());
        for (ChangeEvent<String, String> event : events) {
            // A delete is followed by a tombstone (null value) so compacted topics forget the row.
            ProducerRecord<String, String> record = new ProducerRecord<>(event.destination(), event.key(), event.value());
            for (Header<String> header : event.<String>headers()) {
                record.headers().add(header.getKey(), headerBytes(header.getValue()));
            }
            sends.add(kafka.send(record));
        }
        Map<String, Integer> perTopic = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            awaitAcknowledged(sends.get(i), events.get(i));
            committer.markProcessed(events.get(i));
            perTopic.merge(events.get(i).destination(), 1, Integer::sum);
        }
        committer.markBatchFinished();
        perTopic.forEach(metrics::published);
        // The batch's newest change stands for the batch: parsing every value would cost more than the rest.
        for (int i = events.size() - 1; i >= 0; i--) {
            long committedAt = committedAt(events.get(i).value());
            if (committedAt > 0) {
                metrics.captureLag(committedAt);
                break;
            }
        }
    }

    /** A header arrives as JSON text; a JSON string is written as its plain text, as Kafka Connect would. */
    private static byte[] headerBytes(String json) {
        if (json == null) {
            return null;
        }
        JsonNode value = Json.MAPPER.readTree(json);
        return (value.isString() ? value.asString() : json).getBytes(StandardCharsets.UTF_8);
    }

    /** The source commit time of a change event; 0 for tombstones, heartbeats and routed outbox events. */
    private static long committedAt(String value) {
        if (value == null) {
            return 0;
        }
        try {
            JsonNode source = Json.MAPPER.readTree(value).path("source");
            return source.path("ts_ms").asLong(0);
        } catch (JacksonException e) {
            return 0;
        }
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }

    private static void awaitAcknowledged(CompletableFuture<SendResult<String, String>> send, ChangeEvent<String, String> event)
            throws InterruptedException {
        try {
            send.get();
        } catch (ExecutionException e) {
            // The producer has already retried within delivery.timeout.ms. Stop the engine rather
            // than skip: its offsets stay at the last acknowledged change, so nothing is lost.
            throw new CapturePublishException("could not publish a change to " + event.destination(), e.getCause());
        }
    }

    static final class CapturePublishException extends RuntimeException {

        CapturePublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
