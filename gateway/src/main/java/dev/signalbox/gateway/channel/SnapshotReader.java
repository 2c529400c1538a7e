package dev.signalbox.gateway.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a domain's compacted state topics to their end and keeps the entities of one channel: the
 * latest record per entity, tombstones removing it. Each item is {@code {entity, version,
 * updatedAt, data}}; versions are kept apart so the subscription can drop the live events an item
 * already reflects.
 */
final class SnapshotReader {

    record Snapshot(List<String> items, Map<String, Long> versions) {
    }

    private final Supplier<KafkaConsumer<String, String>> consumers;

    SnapshotReader(Supplier<KafkaConsumer<String, String>> consumers) {
        this.consumers = consumers;
    }

    Snapshot read(Channel channel, List<String> stateTopics) {
        Map<String, String> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : stateTopics) {
                // A state topic that does not exist yet holds no state.
                var infos = consumer.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            while (!ends.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
        }
        List<String> items = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (String value : latest.values()) {
            JsonNode state = Json.MAPPER.readTree(value);
            if (!includes(state.path("channels"), channel)) {
                continue;
            }
            String entity = state.path("entity").asString();
            long version = state.path("version").asLong();
            ObjectNode item = Json.MAPPER.createObjectNode();
            item.put("entity", entity);
            item.put("version", version);
            item.set("updatedAt", state.get("updatedAt"));
            item.set("data", state.get("data"));
            items.add(item.toString());
            versions.put(entity, version);
        }
        return new Snapshot(items, versions);
    }

    /** Whether the state record is on the channel, or on one its wildcard covers. */
    private static boolean includes(JsonNode channels, Channel channel) {
        for (JsonNode each : channels) {
            if (channel.matches(each.asString())) {
                return true;
            }
        }
        return false;
    }
}
