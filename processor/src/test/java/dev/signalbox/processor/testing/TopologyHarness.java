package dev.signalbox.processor.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import dev.signalbox.events.Json;
import tools.jackson.databind.JsonNode;

/**
 * A TopologyTestDriver around one production {@code build} method, with text keys and values in
 * and out (binary values in, where a topic carries them), and its own state directory so test classes never share RocksDB files.
 */
public final class TopologyHarness implements AutoCloseable {

    private final TopologyTestDriver driver;

    public TopologyHarness(Consumer<StreamsBuilder> build, Path stateDirectory) {
        StreamsBuilder builder = new StreamsBuilder();
        build.accept(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        driver = new TopologyTestDriver(builder.build(), config);
    }

    public TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    /** For topics whose values are not text (the feed topics' protobuf). */
    public TestInputTopic<String, byte[]> binaryInput(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    public TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** Moves the driver's wall clock, running wall-clock punctuations that fall due. */
    public void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Everything written to a topic since the last read, in order. */
    public List<TestRecord<String, String>> read(String topic) {
        return output(topic).readRecordsToList();
    }

    /** The values written to a topic since the last read, in order, as its serde reads them (an internal topic's, say). */
    public <V> List<V> readValues(String topic, Deserializer<V> values) {
        return driver.createOutputTopic(topic, new StringDeserializer(), values).readValuesToList();
    }

    public static JsonNode json(TestRecord<String, String> record) {
        return record.value() == null ? null : Json.MAPPER.readTree(record.value());
    }

    public static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
