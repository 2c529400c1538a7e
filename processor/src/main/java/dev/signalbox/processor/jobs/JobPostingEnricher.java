package dev.signalbox.processor.jobs;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.jobs.JobEvent;
import dev.signalbox.processor.capture.DeadLetters;
import dev.signalbox.processor.capture.Redeliveries;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Classifies each captured posting change, enriches it with its company's name from the global
 * companies table, and stamps CloudEvents headers; a record it cannot read is rejected with the
 * reason and where it came from in headers, and the stream goes on.
 */
final class JobPostingEnricher implements FixedKeyProcessor<byte[], byte[], PostingOutcome> {

    private static final Logger log = LoggerFactory.getLogger(JobPostingEnricher.class);
    static final String CE_SOURCE = "/signalbox/processor/jobs";

    private final String companiesStore;
    private final String positionsStore;
    private FixedKeyProcessorContext<byte[], PostingOutcome> context;
    private TimestampedKeyValueStore<String, String> companies;
    private Redeliveries redeliveries;

    JobPostingEnricher(String companiesStore, String positionsStore) {
        this.companiesStore = companiesStore;
        this.positionsStore = positionsStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], PostingOutcome> context) {
        this.context = context;
        this.companies = context.getStateStore(companiesStore);
        this.redeliveries = new Redeliveries(context.getStateStore(positionsStore));
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            // The tombstone after a delete: the delete itself already closed the posting.
            return;
        }
        PostingChange change;
        try {
            change = PostingChange.parse(record.value());
        } catch (IllegalArgumentException | JacksonException e) {
            reject(record, e);
            return;
        }
        if (redeliveries.seenBefore(record.key(), change.lsn())) {
            log.debug("Dropped a re-delivered change of job posting {} at LSN {}", change.jobId(), change.lsn());
            return;
        }
        JobEvent event = new JobEvent(change.kind(), change.jobId(), change.title(), change.location(), change.status(),
                change.companyId(), companyName(change.companyId()), change.committedAt(), change.lsn());
        context.forward(record.withValue((PostingOutcome) new PostingOutcome.Enriched(Channel.JOBS_BOARD, event))
                .withHeaders(cloudEventHeaders(event)));
    }

    private String companyName(long companyId) {
        // Debezium's JSON key of a companies row, written the same compact way its converter does.
        ValueAndTimestamp<String> company = companies.get(Json.MAPPER.writeValueAsString(Map.of("id", companyId)));
        if (company == null || company.value() == null) {
            return null;
        }
        JsonNode after = Json.MAPPER.readTree(company.value()).get("after");
        return after == null || after.isNull() ? null : after.path("name").asString(null);
    }

    private void reject(FixedKeyRecord<byte[], byte[]> record, Exception error) {
        log.warn("Job posting change rejected to the dead-letter topic: {}", error.getMessage());
        context.forward(record.withValue((PostingOutcome) new PostingOutcome.Rejected(record.value(), error.getMessage()))
                .withHeaders(DeadLetters.headers(record.headers(), error, context.recordMetadata())));
    }

    private static Headers cloudEventHeaders(JobEvent event) {
        // Unique per source change: the same change re-delivered keeps its id, so it can be dropped.
        String id = "job-" + event.jobId() + "-" + event.sourceLsn() + "-" + event.kind().name().toLowerCase(Locale.ROOT);
        return CloudEvents.headers(id, CE_SOURCE, event.kind().wireName(), event.occurredAt());
    }
}
