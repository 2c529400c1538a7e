package dev.signalbox.processor.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Json;
import dev.signalbox.events.jobs.JobEvent;
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
    private KeyValueStore<Bytes, Long> positions;

    JobPostingEnricher(String companiesStore, String positionsStore) {
        this.companiesStore = companiesStore;
        this.positionsStore = positionsStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], PostingOutcome> context) {
        this.context = context;
        this.companies = context.getStateStore(companiesStore);
        this.positions = context.getStateStore(positionsStore);
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
        if (isRedelivery(record.key(), change.lsn())) {
            log.debug("Dropped a re-delivered change of job posting {} at LSN {}", change.jobId(), change.lsn());
            return;
        }
        JobEvent event = new JobEvent(change.kind(), change.jobId(), change.title(), change.location(), change.status(),
                change.companyId(), companyName(change.companyId()), change.committedAt(), change.lsn());
        context.forward(record.withValue((PostingOutcome) new PostingOutcome.Enriched(Channel.JOBS_BOARD, event))
                .withHeaders(cloudEventHeaders(event)));
    }

    /**
     * Ingest delivers at least once: after a crash it re-sends the changes since its last stored
     * offset, with their original log positions. One row's changes come in log order on one
     * partition, so a change at or below the last position seen for its row was already handled.
     * The position is kept after a delete too, so a re-sent delete is recognised as well.
     */
    private boolean isRedelivery(byte[] key, long lsn) {
        Bytes row = Bytes.wrap(key);
        Long last = positions.get(row);
        if (last != null && lsn <= last) {
            return true;
        }
        positions.put(row, lsn);
        return false;
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
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add("signalbox.error", utf8(error.getClass().getSimpleName() + ": " + error.getMessage()));
        context.recordMetadata().ifPresent(source -> {
            headers.add("signalbox.source.topic", utf8(source.topic()));
            headers.add("signalbox.source.partition", utf8(String.valueOf(source.partition())));
            headers.add("signalbox.source.offset", utf8(String.valueOf(source.offset())));
        });
        log.warn("Job posting change rejected to the dead-letter topic: {}", error.getMessage());
        context.forward(record.withValue((PostingOutcome) new PostingOutcome.Rejected(record.value(), error.getMessage())).withHeaders(headers));
    }

    private static Headers cloudEventHeaders(JobEvent event) {
        Headers headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        // Unique per source change: the same change re-delivered keeps its id, so it can be dropped.
        headers.add("ce_id", utf8("job-" + event.jobId() + "-" + event.sourceLsn() + "-" + event.kind().name().toLowerCase()));
        headers.add("ce_source", utf8(CE_SOURCE));
        headers.add("ce_type", utf8("dev.signalbox." + event.kind().wireName()));
        headers.add("ce_time", utf8(event.occurredAt().toString()));
        headers.add("content-type", utf8("application/json"));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
