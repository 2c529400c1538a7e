package dev.signalbox.processor;

import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** Spring Kafka owns the KafkaStreams lifecycle; its settings are {@code spring.kafka.streams.*}. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {
}
