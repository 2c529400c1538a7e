package dev.signalbox.processor.jobs;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.ProcessorTopics;

@Configuration(proxyBeanMethods = false)
class JobsStreamConfiguration {

    @Bean
    JobsTopology jobsTopology(ProcessorProperties properties, StreamsBuilder builder) {
        JobsTopology topology = new JobsTopology(properties);
        topology.build(builder);
        return topology;
    }

    @Bean
    KafkaAdmin.NewTopics jobsTopics(ProcessorProperties properties) {
        return new KafkaAdmin.NewTopics(
                ProcessorTopics.input(properties.cdcTopic(JobsTopology.COMPANIES), properties),
                ProcessorTopics.input(properties.cdcTopic(JobsTopology.POSTINGS), properties),
                ProcessorTopics.input(properties.cdcTopic(JobsTopology.APPLICATIONS), properties),
                ProcessorTopics.live(properties.outputTopic(Topics.LIVE_JOBS), properties),
                ProcessorTopics.state(properties.outputTopic(Topics.STATE_JOBS_POSTINGS), properties));
    }
}
