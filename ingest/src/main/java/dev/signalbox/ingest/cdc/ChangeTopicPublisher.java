package dev.signalbox.ingest.cdc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

/**
 * Publishes each batch of change events to its topic and only then marks it processed, so the
 * engine's stored offset never runs ahead of what Kafka has acknowledged: at-least-once, and a
 * re-delivery after a crash carries the same source position (LSN) for consumers to drop.
 * Keys, values and headers are written as JSON here, from the engine's Connect records.
 */
final class ChangeTopicPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final CaptureMetrics metrics;
    private final ConnectJson json = new ConnectJson();

    ChangeTopicPublisher(DefaultKafkaProducerFactory<byte[], byte[]> producers, CaptureMetrics metrics) {
        this.producers = producers;
        this.kafka = new KafkaTemplate<>(producers);
        this.metrics = metrics;
    }

    /** Closes the producer (sending what it still holds); a later batch opens a new one. */
    @Override
    public void close() {
        producers.destroy();
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(events.size());
        for (RecordChangeEvent<SourceRecord> event : events) {
            sends.add(kafka.send(producerRecord(event.record())));
        }
        Map<String, Integer> perTopic = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String topic = events.get(i).record().topic();
            awaitAcknowledged(sends.get(i), topic);
            committer.markProcessed(events.get(i));
            perTopic.merge(topic, 1, Integer::sum);
        }
        committer.markBatchFinished();
        perTopic.forEach(metrics::published);
        // The batch's newest change stands for the batch.
        for (int i = events.size() - 1; i >= 0; i--) {
            long committedAt = committedAt(events.get(i).record());
            if (committedAt > 0) {
                metrics.captureLag(committedAt);
                break;
            }
        }
    }

    /** A delete is followed by a tombstone (null value) so compacted topics forget the row. */
    private ProducerRecord<byte[], byte[]> producerRecord(SourceRecord change) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(change.topic(), null,
                json.bytes(change.keySchema(), change.key()), json.bytes(change.valueSchema(), change.value()));
        for (Header header : change.headers()) {
            record.headers().add(header.key(), headerBytes(header));
        }
        return record;
    }

    /** A text header is its plain text, anything else its JSON, as Kafka Connect writes headers. */
    private byte[] headerBytes(Header header) {
        if (header.value() instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return json.bytes(header.schema(), header.value());
    }

    /** The source commit time of a change event; 0 for tombstones, heartbeats and routed outbox events. */
    private static long committedAt(SourceRecord change) {
        if (change.value() instanceof Struct value && ConnectJson.isChangeEvent(change.valueSchema())) {
            Struct source = value.getStruct(Envelope.FieldName.SOURCE);
            Long committed = source == null ? null : source.getInt64("ts_ms");
            return committed == null ? 0 : committed;
        }
        return 0;
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }

    private static void awaitAcknowledged(CompletableFuture<SendResult<byte[], byte[]>> send, String topic)
            throws InterruptedException {
        try {
            send.get();
        } catch (ExecutionException e) {
            // The producer has already retried within delivery.timeout.ms. Stop the engine rather
            // than skip: its offsets stay at the last acknowledged change, so nothing is lost.
            throw new CapturePublishException("could not publish a change to " + topic, e.getCause());
        }
    }

    static final class CapturePublishException extends RuntimeException {

        CapturePublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
