package dev.signalbox.processor;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * How the processor's topics are laid out when it creates them at start-up (Spring's KafkaAdmin
 * creates what is missing before the streams start, so a topology never stops on a missing source
 * topic when it starts before ingest or a feed has published anything).
 */
public final class ProcessorTopics {

    private ProcessorTopics() {
    }

    /** A topic the processor reads from ingest. */
    public static NewTopic input(String name, ProcessorProperties properties) {
        return TopicBuilder.name(name).partitions(properties.livePartitions()).build();
    }

    /** A live topic: keyed by channel, kept for the replay window, never compacted (its offsets are positions). */
    public static NewTopic live(String name, ProcessorProperties properties) {
        return TopicBuilder.name(name).partitions(properties.livePartitions())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.liveRetention().toMillis()))
                .build();
    }

    /** A state topic: the latest record per entity, forever; a removed entity's tombstone is dropped by compaction. */
    public static NewTopic state(String name, ProcessorProperties properties) {
        return TopicBuilder.name(name).partitions(properties.livePartitions()).compact().build();
    }
}
