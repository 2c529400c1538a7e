package dev.signalbox.ingest.cdc;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

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
            KafkaTemplate<String, String> template, CaptureMetrics metrics) {
        PostgresConnection database = PostgresConnection.fromJdbcUrl(jdbc.getJdbcUrl());
        CapturePreconditions.verify(jdbc.getJdbcUrl(), jdbc.getUsername(), jdbc.getPassword(), database);
        var config = CaptureSettings.debeziumProperties(properties.cdc(), database, jdbc.getUsername(), jdbc.getPassword(),
                String.join(",", kafka.getBootstrapServers()));
        return new ChangeCapture(config, new ChangeTopicPublisher(template, metrics));
    }

    @Bean
    CaptureSlotMonitor captureSlot(JdbcClient jdbc, IngestProperties properties, MeterRegistry registry) {
        return new CaptureSlotMonitor(jdbc, properties.cdc().slotName(), properties.cdc().retainedWalWarning().toBytes(), registry);
    }
}
