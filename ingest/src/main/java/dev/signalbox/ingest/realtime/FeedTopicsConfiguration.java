package dev.signalbox.ingest.realtime;

import java.time.Duration;

import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.ingest.IngestProperties;

@Configuration(proxyBeanMethods = false)
class FeedTopicsConfiguration {

    /** Feed entities are history the processor may replay: kept for days, like change topics. */
    private static final Duration FEED_RETENTION = Duration.ofDays(7);
    /** Dead letters wait for a person to look at them: kept longer. */
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    /** The feed topics and ingest's dead-letter topic, created (or left as they are) at start-up. */
    @Bean
    KafkaAdmin.NewTopics feedTopics(IngestProperties properties) {
        IngestProperties.Transit transit = properties.transit();
        return new KafkaAdmin.NewTopics(
                feedTopic(transit.tripUpdatesTopic(), transit.topicPartitions()),
                feedTopic(transit.vehiclePositionsTopic(), transit.topicPartitions()),
                feedTopic(transit.alertsTopic(), transit.topicPartitions()),
                TopicBuilder.name(transit.deadLetterTopic()).partitions(1)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis()))
                        // A rejected feed body is kept whole up to FeedPublisher.DEAD_LETTER_MAX_BYTES.
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(1024 * 1024))
                        .build());
    }

    private static org.apache.kafka.clients.admin.NewTopic feedTopic(String name, int partitions) {
        return TopicBuilder.name(name).partitions(partitions).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(FEED_RETENTION.toMillis())).build();
    }
}
