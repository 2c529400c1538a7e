package dev.signalbox.ingest.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.clients.producer.Producer;

import com.google.transit.realtime.GtfsRealtime;

import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.ingest.IngestProperties;

/**
 * Writes feed entities to their {@code feed.transit.*} topic as {@link FeedEntity} records (a
 * one-entity GTFS-Realtime FeedMessage, the entity in the bytes the feed sent) keyed
 * {@code <feedId>:<entityId>}, and unusable input to the dead-letter topic with the rule it broke.
 * A publish returns once Kafka has acknowledged every record, or fails whole.
 */
final class FeedPublisher {

    /** Kafka's default largest record is 1 MB; a rejected feed's bytes past this are cut off (and say so). */
    static final int DEAD_LETTER_MAX_BYTES = 900 * 1024;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    /** Says what the value is to consumers that do not know Signalbox; one instance shared by every record. */
    private static final RecordHeader CONTENT_TYPE = new RecordHeader(FeedEntity.CONTENT_TYPE_HEADER,
            FeedEntity.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));

    private final Producer<String, byte[]> kafka;
    private final IngestProperties.Transit topics;

    FeedPublisher(Producer<String, byte[]> kafka, IngestProperties.Transit topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** The feed topic of an entity type. */
    String topicOf(IngestProperties.EntityType type) {
        return switch (type) {
            case TRIP_UPDATES -> topics.tripUpdatesTopic();
            case VEHICLE_POSITIONS -> topics.vehiclePositionsTopic();
            case ALERTS -> topics.alertsTopic();
        };
    }

    /** One record to publish, its value already written: an entity on its topic, or its removal. */
    record Outgoing(String topic, String entityId, byte[] value) {
    }

    /**
     * The record of an entity as the feed topics carry it.
     *
     * @param headerField the poll's {@link FeedEntity#headerField}
     */
    static Outgoing outgoing(String topic, byte[] headerField, RawFeed.Entity raw) {
        return new Outgoing(topic, raw.id(), FeedEntity.value(headerField, raw.bytes()));
    }

    /** The record of an entity's removal: what was last published of it, marked deleted. */
    static Outgoing removal(String topic, byte[] headerField, GtfsRealtime.FeedEntity lastPublished) {
        return new Outgoing(topic, lastPublished.getId(), FeedEntity.removal(headerField, lastPublished));
    }

    void publish(String feedId, List<Outgoing> entities) throws PublishFailedException, InterruptedException {
        Acks acks = new Acks(entities.size());
        for (Outgoing outgoing : entities) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(outgoing.topic(), feedId + ":" + outgoing.entityId(), outgoing.value());
            record.headers().add(CONTENT_TYPE);
            kafka.send(record, acks);
        }
        acks.await();
    }

    /** Entities that broke a rule, each as the bytes the feed sent, with why in the headers. */
    void deadLetterEntities(String pollerId, String feedId, List<Rejected> rejected) throws PublishFailedException, InterruptedException {
        Acks acks = new Acks(rejected.size());
        for (Rejected entity : rejected) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.deadLetterTopic(), feedId + ":" + entity.raw().id(), entity.raw().bytes());
            headers(record, pollerId, entity.rule(), entity.detail(), false);
            kafka.send(record, acks);
        }
        acks.await();
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
        Acks acks = new Acks(1);
        kafka.send(record, acks);
        acks.await();
    }

    private static void headers(ProducerRecord<String, byte[]> record, String pollerId, Rule rule, String detail, boolean truncated) {
        record.headers().add(new RecordHeader("signalbox.error", (rule.title() + (detail == null ? "" : ": " + detail)).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("signalbox.rule", rule.id().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("signalbox.feed", pollerId.getBytes(StandardCharsets.UTF_8)));
        if (truncated) {
            record.headers().add(new RecordHeader("signalbox.truncated", "true".getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Waits for Kafka's acknowledgement of a number of records; the first refusal fails them all. */
    private static final class Acks implements Callback {

        private final CountDownLatch pending;
        private final AtomicReference<Exception> refusal = new AtomicReference<>();

        Acks(int records) {
            pending = new CountDownLatch(records);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                refusal.compareAndSet(null, exception);
            }
            pending.countDown();
        }

        void await() throws PublishFailedException, InterruptedException {
            if (!pending.await(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PublishFailedException("Kafka did not acknowledge within " + ACK_TIMEOUT, null);
            }
            Exception refused = refusal.get();
            if (refused != null) {
                throw new PublishFailedException("Kafka refused a record: " + refused.getMessage(), refused);
            }
        }
    }

    /** Kafka did not take the records; nothing of this poll counts as published. */
    static final class PublishFailedException extends Exception {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
