package dev.signalbox.processor.notifications;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.ProcessorTopics;

@Configuration(proxyBeanMethods = false)
class NotificationsStreamConfiguration {

    @Bean
    NotificationsTopology notificationsTopology(ProcessorProperties properties, StreamsBuilder builder) {
        NotificationsTopology topology = new NotificationsTopology(properties);
        topology.build(builder);
        return topology;
    }

    @Bean
    KafkaAdmin.NewTopics notificationsTopics(ProcessorProperties properties) {
        return new KafkaAdmin.NewTopics(
                ProcessorTopics.input(properties.cdcTopic(NotificationsTopology.NOTIFICATIONS), properties),
                ProcessorTopics.live(properties.outputTopic(Topics.LIVE_NOTIFICATIONS), properties));
    }
}
