package dev.signalbox.processor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.signalbox.events.Topics;

/** Everything the processor can be told, under {@code signalbox.processor}. */
@ConfigurationProperties("signalbox.processor")
public record ProcessorProperties(@DefaultValue Jobs jobs) {

    /**
     * The jobs topology's topics.
     *
     * @param companiesTopic  captured {@code companies} changes
     * @param postingsTopic   captured {@code job_postings} changes
     * @param liveTopic       job events, keyed by channel
     * @param deadLetterTopic records that could not be processed, with the error in headers
     * @param livePartitions  partitions of the live topic when this app creates it
     * @param liveRetention   how long the live topic keeps history: the replay and resume window
     */
    public record Jobs(
            @DefaultValue(Topics.CDC_COMPANIES) String companiesTopic,
            @DefaultValue(Topics.CDC_JOB_POSTINGS) String postingsTopic,
            @DefaultValue(Topics.LIVE_JOBS) String liveTopic,
            @DefaultValue(Topics.DLQ_PROCESSOR) String deadLetterTopic,
            @DefaultValue("3") int livePartitions,
            @DefaultValue("7d") Duration liveRetention) {
    }
}
