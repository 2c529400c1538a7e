package dev.signalbox.gateway.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Position;
import dev.signalbox.gateway.protocol.ErrorCode;
import dev.signalbox.gateway.protocol.ProtocolException;

/**
 * The gateway's view of the live topics, independent of any transport: subscribe a
 * {@link Subscriber} to a channel (or a wildcard of channels) from the latest event, a snapshot,
 * after a position, or since a time.
 */
public final class ChannelHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelHub.class);

    private final String bootstrapServers;
    private final ChannelPartitions partitions;
    private final LiveTail tail;
    private final Thread tailThread;
    private final ExecutorService historyReaders;
    private final Map<String, List<String>> stateTopicsByDomain;
    private final StateCache states;
    private final Thread statesThread;

    public ChannelHub(String bootstrapServers, Map<String, String> liveTopicByDomain, Map<String, List<String>> stateTopicsByDomain,
            int historyThreads, Duration topicWait) {
        this.bootstrapServers = bootstrapServers;
        this.stateTopicsByDomain = Map.copyOf(stateTopicsByDomain);
        this.states = new StateCache(this::newConsumer, stateTopicsByDomain.values().stream().flatMap(List::stream).toList());
        this.statesThread = new Thread(states, "signalbox-state-cache");
        statesThread.start();
        KafkaConsumer<String, String> tailConsumer = newConsumer();
        Map<String, Integer> partitionCounts = new HashMap<>();
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : liveTopicByDomain.values()) {
            List<PartitionInfo> infos = awaitTopic(tailConsumer, topic, topicWait);
            partitionCounts.put(topic, infos.size());
            infos.forEach(info -> all.add(new TopicPartition(topic, info.partition())));
        }
        this.partitions = new ChannelPartitions(liveTopicByDomain, partitionCounts);
        this.tail = new LiveTail(tailConsumer, all);
        AtomicInteger threadNumber = new AtomicInteger();
        this.historyReaders = Executors.newFixedThreadPool(historyThreads,
                runnable -> new Thread(runnable, "signalbox-history-" + threadNumber.incrementAndGet()));
        this.tailThread = new Thread(tail, "signalbox-live-tail");
        tailThread.start();
        log.info("Gateway tails {} partitions of {}", all.size(), liveTopicByDomain.values());
    }

    /**
     * A subscription of {@code subscriber} to {@code channel} (a wildcard: to every channel one
     * level below it), not yet started: the caller records it first, then starts it with one of
     * the {@code start…} methods, so a failure reported from another thread always finds it recorded.
     */
    public Subscription open(Channel channel, Subscriber subscriber) {
        if (!partitions.serves(channel)) {
            throw new ProtocolException(ErrorCode.INVALID_CHANNEL, "this gateway serves no channel of domain '" + channel.domain() + "'", null);
        }
        if (!channel.isWildcard()) {
            return new Subscription(channel, List.of(new ChannelSubscription(channel, partitions.of(channel), subscriber, 0)));
        }
        List<TopicPartition> all = partitions.allOf(channel);
        WildcardSubscriber combined = new WildcardSubscriber(channel, subscriber, all.size());
        Subscription subscription = new Subscription(channel, all.stream().map(partition -> new ChannelSubscription(channel, partition, combined, 0)).toList());
        combined.onFailureCancel(() -> unsubscribe(subscription));
        return subscription;
    }

    /** Only what is published from now on. */
    public void startLatest(Subscription subscription) {
        for (ChannelSubscription part : subscription.parts()) {
            // Registered before it starts: the tail ignores it until it is live, and then misses nothing.
            tail.add(part);
            part.startLive(tail.dispatchedUpTo(part.partition()));
        }
    }

    /** Everything strictly after {@code positions} (one for a channel; one per partition for a wildcard), then live. */
    public void startAfter(Subscription subscription, List<Position> positions) {
        Map<Integer, Position> byPartition = new HashMap<>();
        positions.forEach(position -> byPartition.put(position.partition(), position));
        List<ChannelSubscription> parts = subscription.parts();
        if (positions.size() != parts.size() || parts.stream().anyMatch(part -> !byPartition.containsKey(part.partition().partition()))) {
            throw new ProtocolException(ErrorCode.INVALID_POSITION, subscription.channel().isWildcard()
                    ? "a wildcard resumes from one position per partition, as its 'subscribed' gave them" : "that position is not of this channel", null);
        }
        if (subscription.channel().isWildcard()) {
            ((WildcardSubscriber) parts.get(0).subscriber()).requested(positions);
        }
        for (ChannelSubscription part : parts) {
            part.startAt(byPartition.get(part.partition().partition()).offset() + 1);
            catchUp(part, null);
        }
    }

    /**
     * The channel's current state from its domain's state topics, tagged with the position it
     * reflects, then every event after that position that the state does not already reflect.
     * The live topic's end is read first and the state after it, so the state holds at least
     * everything before that position (a state record is committed in the same transaction as its
     * events); what it holds beyond is recognised by entity version and not sent twice. For a
     * wildcard: every partition's end, then the state of every channel it covers.
     */
    public void startWithSnapshot(Subscription subscription) {
        List<String> stateTopics = stateTopicsByDomain.getOrDefault(subscription.channel().domain(), List.of());
        List<ChannelSubscription> parts = subscription.parts();
        parts.forEach(tail::add);
        historyReaders.execute(() -> {
            List<Position> reflected = new ArrayList<>();
            try {
                Map<TopicPartition, Long> ends;
                try (KafkaConsumer<String, String> consumer = newConsumer()) {
                    ends = consumer.endOffsets(parts.stream().map(ChannelSubscription::partition).toList());
                }
                StateCache.Snapshot snapshot = stateTopics.isEmpty() ? new StateCache.Snapshot(List.of(), Map.of())
                        : states.snapshot(subscription.channel(), stateTopics);
                for (ChannelSubscription part : parts) {
                    part.startAfterSnapshot(ends.get(part.partition()), snapshot.versions());
                    reflected.add(part.position());
                }
                parts.get(0).subscriber().snapshot(subscription.channel(), Position.encodeAll(reflected), snapshot.items());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                parts.forEach(part -> {
                    part.cancel();
                    tail.remove(part);
                });
                return;
            } catch (RuntimeException e) {
                log.error("Reading the snapshot of {} failed", subscription.channel(), e);
                parts.forEach(part -> {
                    part.cancel();
                    tail.remove(part);
                });
                parts.get(0).subscriber().subscriptionFailed(subscription.channel(), ErrorCode.INTERNAL, "reading the channel's state failed", null);
                return;
            }
            for (ChannelSubscription part : parts) {
                new HistoryReader(part, null, this::newConsumer, tail, () -> tail.remove(part)).run();
            }
        });
    }

    /** Everything published at or after {@code time}, then live. */
    public void startSince(Subscription subscription, Instant time) {
        subscription.parts().forEach(part -> catchUp(part, time));
    }

    public void unsubscribe(Subscription subscription) {
        for (ChannelSubscription part : subscription.parts()) {
            part.cancel();
            tail.remove(part);
        }
    }

    private void catchUp(ChannelSubscription subscription, Instant since) {
        tail.add(subscription);
        historyReaders.execute(new HistoryReader(subscription, since, this::newConsumer, tail, () -> tail.remove(subscription)));
    }

    private KafkaConsumer<String, String> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                // The processor writes in transactions: never show a client what was rolled back.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    private static List<PartitionInfo> awaitTopic(KafkaConsumer<String, String> consumer, String topic, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("live topic " + topic + " does not exist; the processor creates it on start");
            }
            log.info("Waiting for live topic {} to be created", topic);
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topic, e);
            }
        }
    }

    @Override
    public void close() {
        tail.stop();
        states.stop();
        historyReaders.shutdownNow();
        try {
            tailThread.join(TimeUnit.SECONDS.toMillis(10));
            statesThread.join(TimeUnit.SECONDS.toMillis(10));
            historyReaders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
