package dev.signalbox.processor.sports;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.ProcessorTopics;

@Configuration(proxyBeanMethods = false)
class SportsStreamConfiguration {

    @Bean
    SportsTopology sportsTopology(ProcessorProperties properties, StreamsBuilder builder) {
        SportsTopology topology = new SportsTopology(properties);
        topology.build(builder);
        return topology;
    }

    @Bean
    KafkaAdmin.NewTopics sportsTopics(ProcessorProperties properties) {
        return new KafkaAdmin.NewTopics(
                ProcessorTopics.input(properties.cdcTopic(SportsTopology.LEAGUES), properties),
                ProcessorTopics.input(properties.cdcTopic(SportsTopology.TEAMS), properties),
                ProcessorTopics.input(properties.cdcTopic(SportsTopology.MATCHES), properties),
                ProcessorTopics.input(properties.cdcTopic(SportsTopology.MATCH_EVENTS), properties),
                ProcessorTopics.live(properties.outputTopic(Topics.LIVE_SPORTS), properties),
                ProcessorTopics.state(properties.outputTopic(Topics.STATE_SPORTS_SCOREBOARDS), properties));
    }
}
