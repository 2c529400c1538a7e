package dev.signalbox.processor.jobs;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

import dev.signalbox.events.Channel;
import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.jobs.JobEvent;
import dev.signalbox.events.jobs.JobEventKind;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.GlobalRows;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;

/**
 * A posting change → one job event on {@code jobs.board} and on its company's
 * {@code jobs.company.<id>}, enriched with the company name from the global companies table, and
 * the posting's latest state while it is open (a closed, filled, expired or deleted posting leaves
 * {@code state.jobs.postings}).
 */
final class PostingRoute implements ChangeRouter.Route {

    static final String CE_SOURCE = "/signalbox/processor/jobs";

    private final String companiesStore;
    private TimestampedKeyValueStore<String, String> companies;

    PostingRoute(String companiesStore) {
        this.companiesStore = companiesStore;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.companies = context.getStateStore(companiesStore);
    }

    @Override
    public List<Routed> route(CapturedChange captured) {
        PostingChange change = PostingChange.from(captured);
        JobEvent event = new JobEvent(change.kind(), change.jobId(), change.title(), change.location(), change.status(),
                change.companyId(), companyName(change.companyId()), change.committedAt(), change.lsn());
        String entity = entity(change.jobId());
        Channel company = companyChannel(change.companyId());
        Routed.State state = change.kind() == JobEventKind.CLOSED
                ? Routed.State.removed(entity)
                : new Routed.State(entity, new StateRecord(entity, List.of(Channel.JOBS_BOARD.name(), company.name()), change.lsn(),
                        change.committedAt(), Json.MAPPER.valueToTree(event)));
        return List.of(
                new Routed.Live(Channel.JOBS_BOARD, event, headers(event, entity)),
                new Routed.Live(company, event, headers(event, entity)),
                state);
    }

    static String entity(long jobId) {
        return "posting-" + jobId;
    }

    static Channel companyChannel(long companyId) {
        return new Channel("jobs.company." + companyId);
    }

    private String companyName(long companyId) {
        return GlobalRows.text(companies, companyId, "name");
    }

    private static Headers headers(JobEvent event, String entity) {
        // Unique per source change: the same change re-delivered keeps its id, so it can be dropped.
        String id = "job-" + event.jobId() + "-" + event.sourceLsn() + "-" + event.kind().name().toLowerCase(Locale.ROOT);
        return new RecordHeaders(CloudEvents.headers(id, CE_SOURCE, event.kind().wireName(), event.occurredAt(), entity, event.sourceLsn()).toArray());
    }
}
