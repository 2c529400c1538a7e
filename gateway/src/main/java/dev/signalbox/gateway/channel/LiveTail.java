package dev.signalbox.gateway.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Position;
import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.protocol.ServerFrames;

/**
 * Reads every partition of the live topics from the end, on one thread, and hands each record to
 * the live subscriptions of its channel. No consumer group: each gateway instance reads everything
 * itself, so any instance can serve any client and none holds state another needs.
 *
 * <p>For each partition it publishes how far it has begun dispatching ({@link #dispatchedUpTo}),
 * raised <em>before</em> a record is offered to subscriptions. A subscription that catches up from
 * history goes live only once its cursor reaches that mark, under its own lock, so every record
 * reaches it exactly once: from history below the mark, from the tail at and above it.
 */
final class LiveTail implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LiveTail.class);

    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, AtomicLong> dispatchedUpTo = new ConcurrentHashMap<>();
    /** By channel name (a wildcard's ends in {@code .*}): the tail looks record keys up as they come, unparsed. */
    private final Map<String, List<ChannelSubscription>> liveByChannel = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    LiveTail(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        this.consumer = consumer;
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition partition : partitions) {
            // position() resolves the end now, so the marks are set before any session subscribes.
            dispatchedUpTo.put(partition, new AtomicLong(consumer.position(partition)));
        }
    }

    long dispatchedUpTo(TopicPartition partition) {
        return dispatchedUpTo.get(partition).get();
    }

    void add(ChannelSubscription subscription) {
        liveByChannel.computeIfAbsent(subscription.channel().name(), channel -> new CopyOnWriteArrayList<>()).add(subscription);
    }

    void remove(ChannelSubscription subscription) {
        liveByChannel.computeIfPresent(subscription.channel().name(), (channel, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                // A session's events of one poll go out together (see DeliveryBatch).
                DeliveryBatch.run(() -> {
                    for (ConsumerRecord<String, String> record : records) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        dispatchedUpTo.get(partition).set(record.offset() + 1);
                        dispatch(record);
                    }
                });
                // Past transaction markers and aborted records too: nothing below is left to dispatch.
                for (TopicPartition partition : records.partitions()) {
                    dispatchedUpTo.get(partition).accumulateAndGet(consumer.position(partition), Math::max);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("The live tail stopped; this gateway delivers nothing new until it restarts", e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void dispatch(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        // Only valid channels are subscribed to, so a key that is not one finds no exact subscription.
        List<ChannelSubscription> exact = liveByChannel.get(record.key());
        String above = Channel.wildcardAbove(record.key());
        List<ChannelSubscription> wildcard = above == null ? null : liveByChannel.get(above);
        if (wildcard != null && exact == null && !Channel.isValid(record.key())) {
            return; // one level below a wildcard, but no channel name (upper case, say): nobody's
        }
        if (exact == null && wildcard == null) {
            return;
        }
        Frame frame = encode(record);
        if (exact != null) {
            for (ChannelSubscription subscription : exact) {
                subscription.offerLive(record.offset(), frame);
            }
        }
        if (wildcard != null) {
            // A wildcard has a subscription per partition; only this record's partition's may take it.
            for (ChannelSubscription subscription : wildcard) {
                if (subscription.partition().partition() == record.partition() && subscription.partition().topic().equals(record.topic())) {
                    subscription.offerLive(record.offset(), frame);
                }
            }
        }
    }

    /** The event frame for a live record; shared by the tail and the history readers. */
    static Frame encode(ConsumerRecord<String, String> record) {
        Frame frame = ServerFrames.event(new Channel(record.key()), new Position(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()), kind(record), record.value()).publishedAt(record.timestamp());
        String subject = header(record, "ce_subject");
        String version = header(record, "ce_entityversion");
        if (subject == null || version == null) {
            return frame;
        }
        try {
            return frame.about(subject, Long.parseLong(version));
        } catch (NumberFormatException e) {
            return frame;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String kind(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            return null;
        }
        String ceType = new String(type.value(), StandardCharsets.UTF_8);
        return ceType.startsWith("dev.signalbox.") ? ceType.substring("dev.signalbox.".length()) : ceType;
    }
}
