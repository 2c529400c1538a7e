package dev.signalbox.ingest.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;

import com.google.transit.realtime.GtfsRealtime;

import dev.signalbox.ingest.IngestProperties;

/**
 * Writes feed entities to their {@code feed.transit.*} topic as
 * {@link dev.signalbox.events.transit.FeedEntity} records (see {@link FeedEntityJson}) keyed
 * {@code <feedId>:<entityId>}, and unusable input to the dead-letter topic with the rule it broke.
 * A publish returns once Kafka has acknowledged every record, or fails whole.
 */
final class FeedPublisher {

    /** Kafka's default largest record is 1 MB; a rejected feed's bytes past this are cut off (and say so). */
    static final int DEAD_LETTER_MAX_BYTES = 900 * 1024;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties.Transit topics;

    FeedPublisher(KafkaTemplate<String, byte[]> kafka, IngestProperties.Transit topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** The topic of an entity's type, or null for a type this feed does not publish. */
    String topicOf(GtfsRealtime.FeedEntity entity, java.util.Set<IngestProperties.EntityType> types) {
        if (entity.hasTripUpdate()) {
            return types.contains(IngestProperties.EntityType.TRIP_UPDATES) ? topics.tripUpdatesTopic() : null;
        }
        if (entity.hasVehicle()) {
            return types.contains(IngestProperties.EntityType.VEHICLE_POSITIONS) ? topics.vehiclePositionsTopic() : null;
        }
        if (entity.hasAlert()) {
            return types.contains(IngestProperties.EntityType.ALERTS) ? topics.alertsTopic() : null;
        }
        return null;
    }

    /** One record to publish: an entity of a topic, or its removal. */
    record Outgoing(String topic, GtfsRealtime.FeedEntity entity, boolean removed) {
    }

    void publish(String feedId, Instant headerTime, List<Outgoing> entities) throws PublishFailedException, InterruptedException {
        List<CompletableFuture<?>> acks = new ArrayList<>(entities.size());
        for (Outgoing outgoing : entities) {
            String key = feedId + ":" + outgoing.entity().getId();
            acks.add(kafka.send(outgoing.topic(), key, FeedEntityJson.record(feedId, headerTime, outgoing.removed(), outgoing.entity())));
        }
        await(acks);
    }

    /** Entities that broke a rule, each as the bytes the feed sent, with why in the headers. */
    void deadLetterEntities(String pollerId, String feedId, List<Rejected> rejected) throws PublishFailedException, InterruptedException {
        List<CompletableFuture<?>> acks = new ArrayList<>(rejected.size());
        for (Rejected entity : rejected) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.deadLetterTopic(), feedId + ":" + entity.raw().id(), entity.raw().bytes());
            headers(record, pollerId, entity.rule(), entity.detail(), false);
            acks.add(kafka.send(record));
        }
        await(acks);
    }

    /** An entity refused, as fetched. */
    record Rejected(RawFeed.Entity raw, Rule rule, String detail) {
    }

    /** A whole fetched body that could not be used, as fetched (cut to {@link #DEAD_LETTER_MAX_BYTES}). */
    void deadLetterFeed(String pollerId, String feedId, byte[] body, Rule rule, String detail) throws PublishFailedException, InterruptedException {
        boolean truncated = body.length > DEAD_LETTER_MAX_BYTES;
        byte[] value = truncated ? Arrays.copyOf(body, DEAD_LETTER_MAX_BYTES) : body;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.deadLetterTopic(), feedId, value);
        headers(record, pollerId, rule, detail, truncated);
        await(List.of(kafka.send(record)));
    }

    private static void headers(ProducerRecord<String, byte[]> record, String pollerId, Rule rule, String detail, boolean truncated) {
        record.headers().add(new RecordHeader("signalbox.error", (rule.title() + (detail == null ? "" : ": " + detail)).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("signalbox.rule", rule.id().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("signalbox.feed", pollerId.getBytes(StandardCharsets.UTF_8)));
        if (truncated) {
            record.headers().add(new RecordHeader("signalbox.truncated", "true".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void await(List<CompletableFuture<?>> acks) throws PublishFailedException, InterruptedException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge within " + ACK_TIMEOUT, e);
        }
    }

    /** Kafka did not take the records; nothing of this poll counts as published. */
    static final class PublishFailedException extends Exception {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
