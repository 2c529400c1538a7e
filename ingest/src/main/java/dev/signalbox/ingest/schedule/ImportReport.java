package dev.signalbox.ingest.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What an import did, or is doing: the API's answer and the log's summary.
 *
 * @param state         queued, running, succeeded, unchanged (the same archive is loaded already) or failed
 * @param version       the feed's schedule version the import made current (or found current)
 * @param rowsRefused   every malformed row, although only the first ones are listed in {@code problems}
 * @param rowsPerSecond rows loaded per second of the import so far
 * @param error         why a failed import failed; nothing of it was written
 */
public record ImportReport(String id, String feedId, String source, String state, Long version, Instant startedAt, Instant finishedAt,
                           long rowsLoaded, long rowsRefused, Double rowsPerSecond, List<FileReport> files, List<RowProblem> problems,
                           String error) {

    /** @param percent how much of the file's uncompressed bytes have been read */
    public record FileReport(String file, long rowsLoaded, long rowsRefused, double percent) {
    }

    /** @param line the line in the file, the header being line 1 */
    public record RowProblem(String file, long line, String reason) {
    }
}
