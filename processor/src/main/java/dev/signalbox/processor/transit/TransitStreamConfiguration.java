package dev.signalbox.processor.transit;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.ProcessorTopics;

@Configuration(proxyBeanMethods = false)
class TransitStreamConfiguration {

    @Bean
    TransitTopology transitTopology(ProcessorProperties properties, StreamsBuilder builder) {
        TransitTopology topology = new TransitTopology(properties);
        topology.build(builder);
        return topology;
    }

    @Bean
    KafkaAdmin.NewTopics transitTopics(ProcessorProperties properties) {
        return new KafkaAdmin.NewTopics(
                ProcessorTopics.input(properties.cdcTopic(Schedule.AGENCY), properties),
                ProcessorTopics.input(properties.cdcTopic(Schedule.ROUTES), properties),
                ProcessorTopics.input(properties.cdcTopic(Schedule.STOPS), properties),
                ProcessorTopics.input(properties.cdcTopic(Schedule.TRIPS), properties),
                ProcessorTopics.input(properties.cdcTopic(Schedule.STOP_TIMES), properties),
                ProcessorTopics.input(properties.cdcTopic(TransitTopology.OPERATOR_ALERTS), properties),
                ProcessorTopics.input(properties.feedTopic(Topics.FEED_TRIP_UPDATES), properties),
                ProcessorTopics.input(properties.feedTopic(Topics.FEED_VEHICLE_POSITIONS), properties),
                ProcessorTopics.input(properties.feedTopic(Topics.FEED_ALERTS), properties),
                ProcessorTopics.live(properties.outputTopic(Topics.LIVE_TRANSIT), properties),
                ProcessorTopics.state(properties.outputTopic(Topics.STATE_TRANSIT_VEHICLES), properties),
                ProcessorTopics.state(properties.outputTopic(Topics.STATE_TRANSIT_ROUTES), properties));
    }
}
