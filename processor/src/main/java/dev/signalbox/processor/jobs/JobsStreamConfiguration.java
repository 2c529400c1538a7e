package dev.signalbox.processor.jobs;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import dev.signalbox.processor.ProcessorProperties;

@Configuration(proxyBeanMethods = false)
class JobsStreamConfiguration {

    @Bean
    JobsTopology jobsTopology(ProcessorProperties properties, StreamsBuilder builder) {
        JobsTopology topology = new JobsTopology(properties.jobs());
        topology.build(builder);
        return topology;
    }

    /**
     * The topics this topology reads and writes, created before the streams start so it never
     * stops on a missing source topic when it starts before ingest has published anything.
     */
    @Bean
    KafkaAdmin.NewTopics jobsTopics(ProcessorProperties properties) {
        ProcessorProperties.Jobs jobs = properties.jobs();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(jobs.companiesTopic()).partitions(jobs.livePartitions()).build(),
                TopicBuilder.name(jobs.postingsTopic()).partitions(jobs.livePartitions()).build(),
                TopicBuilder.name(jobs.liveTopic()).partitions(jobs.livePartitions())
                        .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(jobs.liveRetention().toMillis()))
                        .build(),
                TopicBuilder.name(jobs.deadLetterTopic()).partitions(1)
                        .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(14).toMillis()))
                        .build());
    }
}
