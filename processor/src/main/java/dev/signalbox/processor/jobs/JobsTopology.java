package dev.signalbox.processor.jobs;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Redeliveries;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.RoutedSinks;

/**
 * Captured job changes → events on the job channels. Companies are few and small, so they are a
 * GlobalKTable: every instance holds all of them and postings need no repartitioning to meet their
 * company.
 *
 * <pre>
 * cdc.public.companies ──► companies (global table)
 *                                │ lookup
 * cdc.public.job_postings ──► route-postings ──┬─ live ─► live.jobs      (jobs.board, jobs.company.&lt;id&gt;)
 *              (drops re-deliveries)            ├─ state ─► state.jobs.postings  (open postings only)
 *                                               └─ rejected ─► dlq.processor (original bytes)
 * cdc.public.job_applications ──► route-applications ──┬─ live ─► live.jobs (jobs.user.&lt;userId&gt;, private)
 *                                                      └─ rejected ─► dlq.processor
 * </pre>
 */
public final class JobsTopology {

    public static final String COMPANIES = "companies";
    public static final String POSTINGS = "job_postings";
    public static final String APPLICATIONS = "job_applications";

    /** The companies as a global table: public for interactive queries. */
    public static final String COMPANIES_STORE = "jobs-companies";
    /** The last source log position handled per row, to drop re-deliveries. */
    static final String POSTING_POSITIONS_STORE = "jobs-posting-positions";
    static final String APPLICATION_POSITIONS_STORE = "jobs-application-positions";

    private final ProcessorProperties properties;

    public JobsTopology(ProcessorProperties properties) {
        this.properties = properties;
    }

    public void build(StreamsBuilder builder) {
        String live = properties.outputTopic(Topics.LIVE_JOBS);
        builder.globalTable(properties.cdcTopic(COMPANIES),
                Consumed.with(Serdes.String(), Serdes.String()).withName("companies-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(COMPANIES_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));

        builder.addStateStore(Redeliveries.storeBuilder(POSTING_POSITIONS_STORE));
        var postings = builder
                .stream(properties.cdcTopic(POSTINGS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("job-postings-source"))
                .process(() -> new ChangeRouter(POSTING_POSITIONS_STORE, new PostingRoute(COMPANIES_STORE)), Named.as("route-postings"),
                        POSTING_POSITIONS_STORE);
        RoutedSinks.write(postings, "job-postings", live, properties.outputTopic(Topics.STATE_JOBS_POSTINGS), properties.deadLetterTopic());

        builder.addStateStore(Redeliveries.storeBuilder(APPLICATION_POSITIONS_STORE));
        var applications = builder
                .stream(properties.cdcTopic(APPLICATIONS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("job-applications-source"))
                .process(() -> new ChangeRouter(APPLICATION_POSITIONS_STORE, new ApplicationRoute()), Named.as("route-applications"),
                        APPLICATION_POSITIONS_STORE);
        RoutedSinks.write(applications, "job-applications", live, null, properties.deadLetterTopic());
    }
}
