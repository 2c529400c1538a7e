package dev.signalbox.gateway.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Position;
import dev.signalbox.gateway.protocol.ErrorCode;

/**
 * Brings one subscription from its starting offset up to the live tail: reads its channel's
 * partition from the log, delivers the channel's records, and hands over to the tail once caught up.
 */
final class HistoryReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HistoryReader.class);

    private final ChannelSubscription subscription;
    private final Supplier<KafkaConsumer<String, String>> consumers;
    private final LiveTail tail;
    private final Runnable onFailure;
    private final Instant since;

    /** @param since when not null, start at the first record at or after this time instead of the cursor */
    HistoryReader(ChannelSubscription subscription, Instant since, Supplier<KafkaConsumer<String, String>> consumers, LiveTail tail,
            Runnable onFailure) {
        this.subscription = subscription;
        this.since = since;
        this.consumers = consumers;
        this.tail = tail;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        boolean settled = false;
        try (KafkaConsumer<String, String> consumer = consumers.get()) {
            readUpToLive(consumer);
            settled = true;
        } catch (InterruptException e) {
            // Only the gateway's shutdown interrupts a reader; it closes every session with 1001
            // (going away), and the client resumes elsewhere from its last position.
            log.info("Stopped reading history of {}: the gateway is shutting down", subscription.channel());
            if (!settled) {
                subscription.cancel();
                onFailure.run();
            }
        } catch (RuntimeException e) {
            if (settled) {
                // The subscription is live, cancelled by its client or already answered: only closing the consumer failed.
                log.warn("Closing the history consumer of {} failed; its subscription was already settled", subscription.channel(), e);
                return;
            }
            log.error("Reading history of {} failed", subscription.channel(), e);
            fail(ErrorCode.INTERNAL, "reading the channel's history failed", null);
        }
    }

    /** Returns once the subscription is live, cancelled by its client, or answered with why it cannot start. */
    private void readUpToLive(KafkaConsumer<String, String> consumer) {
        TopicPartition partition = subscription.partition();
        List<TopicPartition> assigned = List.of(partition);
        consumer.assign(assigned);
        long earliest = consumer.beginningOffsets(assigned).get(partition);
        long end = consumer.endOffsets(assigned).get(partition);
        if (since != null) {
            OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli())).get(partition);
            subscription.startAt(first == null ? end : first.offset());
        }
        long cursor = subscription.cursor();
        if (cursor < earliest) {
            fail(ErrorCode.HISTORY_TRUNCATED, "the topic no longer holds that position", new Position(partition.partition(), earliest - 1).encode());
            return;
        }
        if (cursor > end) {
            fail(ErrorCode.INVALID_POSITION, "the channel has no such position", null);
            return;
        }
        subscription.subscriber().subscribed(subscription.channel(), subscription.position().encode());
        consumer.seek(partition, cursor);
        while (!subscription.goLiveIfCaughtUp(tail.dispatchedUpTo(partition))) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                boolean ours = subscription.matches(record.key()) && record.value() != null;
                subscription.offerHistory(record.offset(), ours ? LiveTail.encode(record) : null);
            }
            subscription.skipTo(consumer.position(partition));
        }
    }

    private void fail(ErrorCode code, String message, String earliest) {
        subscription.cancel();
        onFailure.run();
        subscription.subscriber().subscriptionFailed(subscription.channel(), code, message, earliest);
    }
}
