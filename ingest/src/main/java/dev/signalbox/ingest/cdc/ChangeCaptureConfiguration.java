package dev.signalbox.ingest.cdc;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

import dev.signalbox.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "signalbox.ingest.cdc.enabled", matchIfMissing = true)
class ChangeCaptureConfiguration {

    /** The change topics, created with their partitions before the first change is published. */
    @Bean
    KafkaAdmin.NewTopics changeTopics(IngestProperties properties) {
        IngestProperties.Cdc cdc = properties.cdc();
        return new KafkaAdmin.NewTopics(cdc.changeTopics().stream()
                .map(topic -> TopicBuilder.name(topic).partitions(cdc.topicPartitions()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    ChangeCapture changeCapture(IngestProperties properties, JdbcConnectionDetails jdbc, KafkaConnectionDetails kafka,
            ProducerFactory<?, ?> appProducers, MeterRegistry registry, CaptureMetrics metrics) {
        PostgresConnection database = PostgresConnection.fromJdbcUrl(jdbc.getJdbcUrl());
        CapturePreconditions.verify(jdbc.getJdbcUrl(), jdbc.getUsername(), jdbc.getPassword(), database);
        var config = CaptureSettings.debeziumProperties(properties.cdc(), database, jdbc.getUsername(), jdbc.getPassword(),
                String.join(",", kafka.getBootstrapServers()));
        DefaultKafkaProducerFactory<byte[], byte[]> producers = changeProducers(appProducers, registry);
        return new ChangeCapture(config, () -> new ChangeTopicPublisher(producers, metrics));
    }

    /**
     * Producers with the app's Kafka settings, as Boot built them (connection, security,
     * {@code spring.kafka.producer.*}), but bytes for keys and values, which the publisher writes
     * itself; with Kafka's producer metrics. Not a bean: one would take the place of the app's own
     * producer factory. The publisher closes its producer when capture stops.
     */
    static DefaultKafkaProducerFactory<byte[], byte[]> changeProducers(ProducerFactory<?, ?> appProducers, MeterRegistry registry) {
        Map<String, Object> settings = new HashMap<>(appProducers.getConfigurationProperties());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(settings);
        producers.addListener(new MicrometerProducerListener<>(registry));
        return producers;
    }

    @Bean
    CaptureSlotMonitor captureSlot(JdbcClient jdbc, IngestProperties properties, MeterRegistry registry) {
        return new CaptureSlotMonitor(jdbc, properties.cdc().slotName(), properties.cdc().retainedWalWarning().toBytes(), registry);
    }
}
