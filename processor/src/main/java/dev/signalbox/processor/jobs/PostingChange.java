package dev.signalbox.processor.jobs;

import java.time.Instant;

import dev.signalbox.events.jobs.JobEventKind;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Rows;
import tools.jackson.databind.JsonNode;

/**
 * One captured change of a {@code job_postings} row, read strictly: anything that is not a
 * well-formed change of a posting throws {@link IllegalArgumentException} with the reason.
 */
record PostingChange(JobEventKind kind, long jobId, long companyId, String title, String location, String status,
        Instant committedAt, long lsn) {

    static PostingChange from(CapturedChange change) {
        JsonNode row = change.row();
        String status = Rows.text(row, "status");
        // Filled, closed and expired postings all leave the board; their status says which.
        boolean ended = !"OPEN".equals(status);
        JobEventKind kind = switch (change.op()) {
            case "c", "r" -> ended ? JobEventKind.CLOSED : JobEventKind.POSTED;
            case "u" -> ended ? JobEventKind.CLOSED : JobEventKind.UPDATED;
            // A deleted posting leaves the board just as a closed one does.
            default -> JobEventKind.CLOSED;
        };
        return new PostingChange(kind, Rows.number(row, "id"), Rows.number(row, "company_id"), Rows.optionalText(row, "title"),
                Rows.optionalText(row, "location"), change.isDelete() ? "DELETED" : status, change.committedAt(), change.lsn());
    }
}
