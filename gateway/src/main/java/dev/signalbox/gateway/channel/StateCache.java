package dev.signalbox.gateway.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The latest state record of every entity in the compacted state topics, kept in memory by one
 * thread that reads them from the start and then follows them, so a snapshot no longer reads the
 * topics from their beginning. A snapshot first takes the state topics' ends, then waits until the
 * cache has applied everything before them: it holds at least what reading the topics would, which
 * is what the snapshot seam needs (see {@link ChannelHub#startWithSnapshot}). A state topic created
 * after start-up is picked up within {@link #DISCOVERY_INTERVAL}, or at once when a snapshot asks
 * for it.
 */
final class StateCache implements Runnable {

    record Snapshot(List<String> items, Map<String, Long> versions) {
    }

    /** One entity's latest state: its channels, and the snapshot item already written. */
    private record Entry(String topic, List<String> channels, String entity, long version, String item) {
    }

    private static final Logger log = LoggerFactory.getLogger(StateCache.class);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> tail;
    private final Supplier<KafkaConsumer<String, String>> consumers;
    private final List<String> topics;
    /** Keyed by topic and record key; read by snapshot threads, written by the cache thread only. */
    private final Map<String, Entry> latest = new ConcurrentHashMap<>();
    /** How far the cache has applied each assigned partition: the offset of the next record it will read. */
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private volatile boolean discoverNow = true;
    private volatile boolean running = true;

    StateCache(Supplier<KafkaConsumer<String, String>> consumers, List<String> topics) {
        this.consumers = consumers;
        this.tail = consumers.get();
        this.topics = List.copyOf(new LinkedHashSet<>(topics));
    }

    @Override
    public void run() {
        long nextDiscovery = 0;
        try {
            while (running) {
                if (discoverNow || System.nanoTime() > nextDiscovery) {
                    discoverNow = false;
                    discover();
                    nextDiscovery = System.nanoTime() + DISCOVERY_INTERVAL.toNanos();
                }
                if (assigned.isEmpty()) {
                    synchronized (this) {
                        wait(200);
                    }
                    continue;
                }
                for (ConsumerRecord<String, String> record : tail.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                for (TopicPartition partition : assigned) {
                    applied.put(partition, tail.position(partition));
                }
                synchronized (this) {
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The state cache stopped; snapshots fail until this gateway restarts", e);
            throw e;
        } finally {
            tail.close(Duration.ofSeconds(5));
        }
    }

    /** Adds the partitions of state topics that exist now and were not assigned yet, read from their start. */
    private void discover() {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = tail.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null) {
                continue;
            }
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                if (assigned.add(partition)) {
                    added.add(partition);
                }
            }
        }
        if (!added.isEmpty()) {
            tail.assign(List.copyOf(assigned));
            tail.seekToBeginning(added);
            log.info("State cache reads {}", added);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        String key = record.topic() + '\u0000' + record.key();
        if (record.value() == null) {
            latest.remove(key);
            return;
        }
        try {
            JsonNode state = Json.MAPPER.readTree(record.value());
            List<String> channels = new ArrayList<>();
            state.path("channels").forEach(channel -> channels.add(channel.asString()));
            String entity = state.path("entity").asString();
            long version = state.path("version").asLong();
            ObjectNode item = Json.MAPPER.createObjectNode();
            item.put("entity", entity);
            item.put("version", version);
            item.set("updatedAt", state.get("updatedAt"));
            item.set("data", state.get("data"));
            latest.put(key, new Entry(record.topic(), List.copyOf(channels), entity, version, item.toString()));
        } catch (JacksonException e) {
            // The processor writes these records; one it could not have written is skipped, and said so.
            log.warn("Skipped an unreadable state record {} of {}: {}", record.key(), record.topic(), e.getOriginalMessage());
        }
    }

    /**
     * The state of every entity on {@code channel} (or a channel its wildcard covers) in
     * {@code stateTopics}, once the cache holds everything those topics held when asked.
     */
    Snapshot snapshot(Channel channel, List<String> stateTopics) throws InterruptedException {
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<String, String> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : stateTopics) {
                // A state topic that does not exist yet holds no state.
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            ends = new HashMap<>(consumer.endOffsets(partitions));
        }
        awaitApplied(ends);
        Set<String> wanted = new HashSet<>(stateTopics);
        List<String> items = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (Entry entry : latest.values()) {
            if (wanted.contains(entry.topic()) && entry.channels().stream().anyMatch(channel::matches)) {
                items.add(entry.item());
                versions.put(entry.entity(), entry.version());
            }
        }
        return new Snapshot(items, versions);
    }

    private void awaitApplied(Map<TopicPartition, Long> ends) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        synchronized (this) {
            while (!ends.entrySet().stream().allMatch(end -> applied.getOrDefault(end.getKey(), -1L) >= end.getValue())) {
                if (ends.keySet().stream().anyMatch(partition -> !applied.containsKey(partition))) {
                    discoverNow = true; // a state topic created since the last look
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the state cache did not catch up with the state topics within " + CATCH_UP_LIMIT);
                }
                wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    void stop() {
        running = false;
        tail.wakeup();
    }
}
