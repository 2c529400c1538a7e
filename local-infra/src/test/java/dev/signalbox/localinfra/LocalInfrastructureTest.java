package dev.signalbox.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers are real, and keep their data across a restart on the same directory. */
class LocalInfrastructureTest {

    @TempDir
    Path dataDirectory;

    @Test
    void kafkaKeepsItsRecordsAcrossARestart() throws Exception {
        TopicPartition partition = new TopicPartition("restart-check", 0);
        try (LocalKafka kafka = LocalKafka.start(dataDirectory.resolve("kafka"), 0)) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>(partition.topic(), "k", "before restart")).get();
            }
        }
        try (LocalKafka kafka = LocalKafka.start(dataDirectory.resolve("kafka"), 0);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(kafka.bootstrapServers()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.records(partition)).extracting(r -> r.value()).containsExactly("before restart");
        }
    }

    @Test
    void postgresRunsWithLogicalReplicationAndKeepsItsData() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0)) {
            String url = postgres.createDatabaseIfAbsent("kept");
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table marker (note text)");
                statement.execute("insert into marker values ('before restart')");
                try (ResultSet rows = statement.executeQuery("show wal_level")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo("logical");
                }
            }
        }
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl("kept"), LocalPostgres.SUPERUSER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select note from marker")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("before restart");
        }
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return config;
    }

    private static Properties consumerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return config;
    }
}
