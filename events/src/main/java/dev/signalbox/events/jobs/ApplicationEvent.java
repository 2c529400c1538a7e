package dev.signalbox.events.jobs;

import java.time.Instant;

/**
 * A change to one user's job application, on that user's private {@code jobs.user.<userId>} channel.
 *
 * @param kind           what happened, also the CloudEvents type
 * @param status         the status now (for a withdrawn-and-deleted application, the last one)
 * @param previousStatus the status before this change; null for a new application
 * @param occurredAt     when the change was committed in the source database
 * @param sourceLsn      the database log position of the change
 */
public record ApplicationEvent(
        ApplicationEventKind kind,
        long applicationId,
        long postingId,
        String status,
        String previousStatus,
        String note,
        Instant occurredAt,
        long sourceLsn) {
}
