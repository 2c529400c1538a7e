package dev.signalbox.ingest.schedule;

import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one file written to COPY in parts, each part in its primary key's order: a part is
 * sorted and written on a thread of its own while the next one is read, so reading the file (one
 * core) and PostgreSQL's inserting it (the other) overlap. At most two parts are held: the one being
 * read and the one being written, so memory is bounded by {@code rowsPerPart} however large the file.
 * <p>
 * Why in key order, and why parts: PostgreSQL inserts a key greater than every other in its B-tree
 * without searching the tree (the rightmost-leaf fast path). Each row's key starts with its import
 * and its part ({@code import_id, import_part}), both rising, so every part, sorted, appends to the
 * right end of the index. In the feed's own order (trips as the agency lists them) each row
 * searched the tree from its root, and maintaining the index was most of an import.
 * <p>
 * Text compares as {@link String#compareTo} (UTF-16 units): the order of PostgreSQL's "C" collation,
 * which the key's text columns use, except among characters beyond the Basic Multilingual Plane,
 * where a mismatch costs only the fast path, never correctness.
 */
final class KeyOrderedRows implements AutoCloseable {

    /** One row: its key after the feed id (text, number) and its COPY line from the feed id on. */
    private record Row(String text, int number, String line) {
    }

    private static final Logger log = LoggerFactory.getLogger(KeyOrderedRows.class);
    private static final Comparator<Row> KEY_ORDER = Comparator.comparing(Row::text).thenComparingInt(Row::number);

    /** Where a part's lines go, each already prefixed with the import and part: the COPY. */
    @FunctionalInterface
    interface LineWriter {
        void write(String line) throws SQLException;

        /** After the last line of a part. */
        default void endOfPart() throws SQLException {
        }
    }

    private final long importId;
    private final int rowsPerPart;
    private final LineWriter out;
    private final ExecutorService writer;
    private List<Row> reading;
    private Future<?> writing;
    private int parts;
    private long rows;

    KeyOrderedRows(long importId, int rowsPerPart, LineWriter out) {
        if (rowsPerPart < 1) {
            throw new IllegalArgumentException("rowsPerPart must be positive");
        }
        this.importId = importId;
        this.rowsPerPart = rowsPerPart;
        this.out = out;
        this.reading = new ArrayList<>(rowsPerPart);
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schedule-import-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    void add(String text, int number, String line) throws SQLException, InterruptedIOException {
        reading.add(new Row(text, number, line));
        rows++;
        if (reading.size() >= rowsPerPart) {
            handOver();
        }
    }

    /** Writes what is still held and waits until every part is written. */
    void finish() throws SQLException, InterruptedIOException {
        if (!reading.isEmpty()) {
            handOver();
        }
        awaitWriting();
    }

    long rows() {
        return rows;
    }

    int parts() {
        return parts;
    }

    /** Waits for a part still being written (its outcome no longer matters once the import failed). */
    @Override
    public void close() {
        writer.shutdown();
        if (writing != null) {
            try {
                writing.get();
            } catch (ExecutionException e) {
                // Only reached when the import is already failing; that failure is the one reported.
                log.warn("A part of the failed import was still being written, and failed too: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOver() throws SQLException, InterruptedIOException {
        awaitWriting(); // the previous part first: parts must reach the COPY in order, and two at most are held
        List<Row> part = reading;
        String prefix = importId + "\t" + parts + "\t";
        parts++;
        reading = new ArrayList<>(rowsPerPart);
        writing = writer.submit(() -> {
            part.sort(KEY_ORDER);
            for (Row row : part) {
                out.write(prefix + row.line());
            }
            out.endOfPart();
            return null;
        });
    }

    private void awaitWriting() throws SQLException, InterruptedIOException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the import was interrupted while a part was being written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing a part of the import failed", e.getCause());
        } finally {
            writing = null;
        }
    }
}
