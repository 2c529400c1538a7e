package dev.signalbox.processor.jobs;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.signalbox.events.JsonSerde;
import dev.signalbox.events.jobs.JobEvent;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Redeliveries;

/**
 * Captured job-posting changes → job events on the {@code jobs.board} channel, enriched with the
 * company name. Companies are few and small, so they are a GlobalKTable: every instance holds all
 * of them and postings need no repartitioning to meet their company.
 *
 * <pre>
 * cdc.public.companies ──► companies (global table)
 *                                │ lookup
 * cdc.public.job_postings ──► classify-and-enrich ──┬─ enriched ─► key-by-channel ─► live.jobs
 *                            (drops re-deliveries)   │
 *                                                   └─ rejected ─► dlq.processor (original bytes)
 * </pre>
 */
public final class JobsTopology {

    static final String COMPANIES_STORE = "jobs-companies";
    /** The last source log position handled per posting, to drop re-deliveries. */
    static final String POSITIONS_STORE = "jobs-posting-positions";

    private final ProcessorProperties.Jobs topics;

    public JobsTopology(ProcessorProperties.Jobs topics) {
        this.topics = topics;
    }

    public void build(StreamsBuilder builder) {
        builder.globalTable(topics.companiesTopic(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("companies-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(COMPANIES_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));

        builder.addStateStore(Redeliveries.storeBuilder(POSITIONS_STORE));

        var outcomes = builder
                .stream(topics.postingsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("job-postings-source"))
                .processValues(() -> new JobPostingEnricher(COMPANIES_STORE, POSITIONS_STORE), Named.as("classify-and-enrich"), POSITIONS_STORE)
                .split(Named.as("job-postings-"))
                .branch((key, outcome) -> outcome instanceof PostingOutcome.Enriched, Branched.as("enriched"))
                .branch((key, outcome) -> outcome instanceof PostingOutcome.Rejected, Branched.as("rejected"))
                .noDefaultBranch();

        outcomes.get("job-postings-enriched")
                .map((key, outcome) -> {
                    PostingOutcome.Enriched enriched = (PostingOutcome.Enriched) outcome;
                    return KeyValue.pair(enriched.channel().name(), enriched.event());
                }, Named.as("key-by-channel"))
                .to(topics.liveTopic(), Produced.with(Serdes.String(), new JsonSerde<>(JobEvent.class)).withName("live-jobs-sink"));

        outcomes.get("job-postings-rejected")
                .mapValues(outcome -> ((PostingOutcome.Rejected) outcome).original(), Named.as("original-bytes"))
                .to(topics.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letter-sink"));
    }
}
