package dev.signalbox.ingest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import as it runs: per file, the bytes read of its uncompressed size and the rows loaded and
 * refused; the first refused rows with file, line and reason. Written by the importing thread, read
 * by anyone asking for a {@link #report()}.
 */
final class ImportProgress {

    enum State { QUEUED, RUNNING, SUCCEEDED, UNCHANGED, FAILED }

    private final String id;
    private final String feedId;
    private final String source;
    private final int problemsKept;
    private final Map<String, FileProgress> files = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<ImportReport.RowProblem> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong rowsRefused = new AtomicLong();
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Long version;
    private volatile String error;

    ImportProgress(String id, String feedId, String source, int problemsKept) {
        this.id = id;
        this.feedId = feedId;
        this.source = source;
        this.problemsKept = problemsKept;
    }

    String id() {
        return id;
    }

    String feedId() {
        return feedId;
    }

    State state() {
        return state;
    }

    void started() {
        startedAt = Instant.now();
        state = State.RUNNING;
    }

    FileProgress file(String name, long uncompressedSize) {
        return files.computeIfAbsent(name, n -> new FileProgress(n, uncompressedSize));
    }

    void refused(String file, long line, String reason) {
        rowsRefused.incrementAndGet();
        files.get(file).refused.incrementAndGet();
        if (problems.size() < problemsKept) {
            problems.add(new ImportReport.RowProblem(file, line, reason));
        }
    }

    void succeeded(long version) {
        this.version = version;
        finish(State.SUCCEEDED);
    }

    void unchanged(long version) {
        this.version = version;
        finish(State.UNCHANGED);
    }

    void failed(String message) {
        this.error = message;
        finish(State.FAILED);
    }

    private void finish(State outcome) {
        finishedAt = Instant.now();
        state = outcome;
    }

    ImportReport report() {
        List<ImportReport.FileReport> fileReports;
        synchronized (files) {
            fileReports = files.values().stream().map(FileProgress::report).toList();
        }
        Instant start = startedAt;
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        long loaded = fileReports.stream().mapToLong(ImportReport.FileReport::rowsLoaded).sum();
        Double rowsPerSecond = start == null ? null : rate(loaded, Duration.between(start, end));
        List<ImportReport.RowProblem> kept;
        synchronized (problems) {
            kept = List.copyOf(problems);
        }
        return new ImportReport(id, feedId, source, state.name().toLowerCase(java.util.Locale.ROOT), version, startedAt, finishedAt,
                loaded, rowsRefused.get(), rowsPerSecond, fileReports, kept, error);
    }

    private static Double rate(long rows, Duration elapsed) {
        long micros = Math.max(1, elapsed.toNanos() / 1000);
        return Math.round(rows * 1_000_000.0 / micros * 10) / 10.0;
    }

    /** One file's share of the import. */
    static final class FileProgress {

        private final String name;
        private final long size;
        final AtomicLong bytesRead = new AtomicLong();
        final AtomicLong loaded = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        private FileProgress(String name, long size) {
            this.name = name;
            this.size = size;
        }

        ImportReport.FileReport report() {
            double percent = size <= 0 ? 100.0 : Math.min(100.0, Math.floor(bytesRead.get() * 1000.0 / size) / 10);
            return new ImportReport.FileReport(name, loaded.get(), refused.get(), percent);
        }
    }
}
