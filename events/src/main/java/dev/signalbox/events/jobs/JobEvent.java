package dev.signalbox.events.jobs;

import java.time.Instant;

/**
 * What the job board shows about one change to a posting, enriched with the company name.
 *
 * @param kind        what happened to the posting
 * @param jobId       the posting's id in the write model
 * @param occurredAt  when the change was committed in the source database
 * @param sourceLsn   the database log position of the change, so consumers can drop re-deliveries
 */
public record JobEvent(
        JobEventKind kind,
        long jobId,
        String title,
        String location,
        String status,
        long companyId,
        String companyName,
        Instant occurredAt,
        long sourceLsn) {
}
