package dev.signalbox.localinfra.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from its beginning, for tests: every partition, no consumer group, and what
 * it has read so far kept in arrival order. Waits block in the consumer's poll, never in a sleep.
 */
public final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    /** Reads values as UTF-8 text. */
    public static TopicReader<String> of(String bootstrapServers, String topic) {
        return new TopicReader<>(bootstrapServers, topic, StringDeserializer.class);
    }

    /** Reads values as they are, for topics that carry binary records. */
    public static TopicReader<byte[]> ofBytes(String bootstrapServers, String topic) {
        return new TopicReader<>(bootstrapServers, topic, ByteArrayDeserializer.class);
    }

    private TopicReader(String bootstrapServers, String topic, Class<? extends Deserializer<V>> values) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values.getName(),
                // Only what producers committed, as every Signalbox consumer reads.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Reading must never create the topic (with default partitions) before its owner does.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
    }

    /** Reads until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, V>> readUntil(Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        assignWhenTopicExists(deadline);
        while (!done.test(List.copyOf(records))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ", " + topic + " held " + records.size() + " records: " + summary());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    /** Reads until at least {@code count} records have arrived. */
    public List<ConsumerRecord<String, V>> readAtLeast(int count, Duration timeout) {
        return readUntil(read -> read.size() >= count, timeout);
    }

    /** Reads whatever arrives within {@code quiet}: for proving that nothing more comes. */
    public List<ConsumerRecord<String, V>> readFor(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        assignWhenTopicExists(deadline + Duration.ofSeconds(30).toNanos());
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    private void assignWhenTopicExists(long deadline) {
        if (!consumer.assignment().isEmpty()) {
            return;
        }
        while (true) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " was never created");
            }
        }
    }

    private String summary() {
        return records.stream().limit(20).map(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + (r.value() instanceof byte[] bytes ? bytes.length + " bytes" : r.value())).toList().toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
