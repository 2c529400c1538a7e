package dev.signalbox.processor;

import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Spring Kafka owns the KafkaStreams lifecycle; its settings are {@code spring.kafka.streams.*}. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

    /** The dead-letter topic every topology shares; one partition keeps the failures in the order they happened. */
    @Bean
    KafkaAdmin.NewTopics deadLetterTopic(ProcessorProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(properties.deadLetterTopic()).partitions(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.deadLetterRetention().toMillis()))
                .build());
    }
}
