package dev.signalbox.gateway.channel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import dev.signalbox.events.Channel;

/**
 * Where each channel lives: its domain's live topic, and the partition Kafka's default partitioner
 * puts its key in. The processor writes with that partitioner, so both sides agree without asking.
 */
final class ChannelPartitions {

    private final Map<String, String> topicByDomain;
    private final Map<String, Integer> partitionCounts;

    ChannelPartitions(Map<String, String> topicByDomain, Map<String, Integer> partitionCounts) {
        this.topicByDomain = Map.copyOf(topicByDomain);
        this.partitionCounts = Map.copyOf(partitionCounts);
    }

    boolean serves(Channel channel) {
        return topicByDomain.containsKey(channel.domain());
    }

    /** Every partition of the channel's domain topic: where a wildcard's channels may be. */
    java.util.List<TopicPartition> allOf(Channel channel) {
        String topic = topicByDomain.get(channel.domain());
        return java.util.stream.IntStream.range(0, partitionCounts.get(topic)).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    TopicPartition of(Channel channel) {
        String topic = topicByDomain.get(channel.domain());
        byte[] key = channel.name().getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitionCounts.get(topic));
    }
}
