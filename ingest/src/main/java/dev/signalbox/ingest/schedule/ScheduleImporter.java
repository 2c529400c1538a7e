package dev.signalbox.ingest.schedule;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.signalbox.events.Json;

/**
 * Loads a GTFS static zip into the feed's {@code gtfs_*} tables: each file stream-parsed (memory
 * does not grow with the file), each row checked against its table's constraints and references,
 * the good rows streamed to PostgreSQL with COPY, the bad ones reported with file, line and reason.
 * The feed's old rows are deleted and the new ones loaded in one transaction that also bumps the
 * feed's version, so a reader (and change capture) sees the old schedule or the new, never a mix.
 */
@Component
class ScheduleImporter {

    /** The same pattern the {@code gtfs_agency.feed_id} check holds: a feed id is one channel-safe word. */
    private static final Pattern FEED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Logger log = LoggerFactory.getLogger(ScheduleImporter.class);
    private static final CSVFormat GTFS_CSV = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            // Real feeds pad fields and leave blank lines; neither means anything in GTFS.
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .get();
    /** How much COPY data is handed to the driver at once. */
    private static final int COPY_CHUNK_CHARS = 256 * 1024;
    /**
     * Rows of a file loaded in key order that are sorted and written as one part: about 200 bytes
     * of heap each, and two parts are held at most, so some 20 MB however large the file. Smaller
     * parts keep PostgreSQL busier (it waits less for a part to be read); 50,000 loaded a little
     * faster than 250,000 here.
     */
    private static final int ROWS_PER_SORTED_PART = 50_000;
    private static final long PROGRESS_LOG_NANOS = 5_000_000_000L;

    private final DataSource dataSource;
    private final int rowsPerSortedPart;

    @Autowired
    ScheduleImporter(DataSource dataSource) {
        this(dataSource, ROWS_PER_SORTED_PART);
    }

    /** @param rowsPerSortedPart rows of a file loaded in key order per sorted part (small in tests, to make many) */
    ScheduleImporter(DataSource dataSource, int rowsPerSortedPart) {
        this.dataSource = dataSource;
        this.rowsPerSortedPart = rowsPerSortedPart;
    }

    /**
     * Imports {@code zip} as the feed's schedule unless the same archive is its current version.
     *
     * @throws NotGtfsException when the archive is not a GTFS feed; nothing is written then
     */
    void importArchive(Path zip, ImportProgress progress) throws IOException, SQLException {
        String feedId = requireFeedId(progress.feedId());
        progress.started();
        String sha256 = sha256(zip);
        try (ZipFile archive = open(zip)) {
            Map<GtfsFile, ZipEntry> entries = locate(archive);
            entries.forEach((file, entry) -> progress.file(file.fileName(), entry.getSize()));
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    lockFeed(connection, feedId);
                    CurrentVersion current = currentVersion(connection, feedId);
                    if (current != null && current.sha256().equals(sha256)) {
                        connection.rollback();
                        progress.unchanged(current.version());
                        return;
                    }
                    deleteFeed(connection, feedId, current == null ? null : current.importId());
                    long importId = nextImportId(connection);
                    Map<GtfsFile, KeyHashes> keysByFile = new EnumMap<>(GtfsFile.class);
                    for (Map.Entry<GtfsFile, ZipEntry> entry : entries.entrySet()) {
                        load(connection, feedId, importId, archive, entry.getKey(), entry.getValue(), progress, keysByFile, rowsPerSortedPart);
                    }
                    long version = bumpVersion(connection, feedId, importId, sha256, progress.report());
                    connection.commit();
                    progress.succeeded(version);
                } catch (IOException | SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** @throws IllegalArgumentException for a feed id the schedule tables would refuse */
    static String requireFeedId(String feedId) {
        if (feedId == null || !FEED_ID.matcher(feedId).matches()) {
            throw new IllegalArgumentException("feed id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return feedId;
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new NotGtfsException("not a GTFS feed: the archive is not a zip file");
        }
    }

    /**
     * The archive's GTFS files, at its root or in its one top-level folder, in load order.
     *
     * @throws NotGtfsException when a file GTFS requires is missing
     */
    static Map<GtfsFile, ZipEntry> locate(ZipFile archive) {
        Map<String, ZipEntry> byName = new LinkedHashMap<>();
        archive.stream()
                .filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("__MACOSX/"))
                .filter(entry -> entry.getName().chars().filter(c -> c == '/').count() <= 1)
                .forEach(entry -> byName.putIfAbsent(entry.getName().substring(entry.getName().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT), entry));
        Map<GtfsFile, ZipEntry> found = new EnumMap<>(GtfsFile.class);
        List<String> missing = new ArrayList<>();
        for (GtfsFile file : GtfsFile.values()) {
            ZipEntry entry = byName.get(file.fileName());
            if (entry != null) {
                found.put(file, entry);
            } else if (file.required()) {
                missing.add(file.fileName());
            }
        }
        if (!found.containsKey(GtfsFile.CALENDAR) && !found.containsKey(GtfsFile.CALENDAR_DATES)) {
            missing.add("calendar.txt or calendar_dates.txt");
        }
        if (!missing.isEmpty()) {
            throw new NotGtfsException("not a GTFS feed: the archive lacks " + String.join(", ", missing));
        }
        return found;
    }

    private static void lockFeed(Connection connection, String feedId) throws SQLException {
        // Two imports of one feed would each delete the other's rows: the second waits for the first.
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext('signalbox.gtfs:' || ?))")) {
            lock.setString(1, feedId);
            lock.execute();
        }
    }

    /**
     * The feed's schedule as it stands.
     *
     * @param sha256   the digest of the archive it was loaded from
     * @param importId the import that loaded its rows, or null when none recorded one
     */
    private record CurrentVersion(long version, String sha256, Long importId) {
    }

    /** The feed's current version, or null for a feed never imported. */
    private static CurrentVersion currentVersion(Connection connection, String feedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select version, sha256, import_id from gtfs_feed_versions where feed_id = ?")) {
            select.setString(1, feedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new CurrentVersion(rows.getLong(1), rows.getString(2), (Long) rows.getObject(3)) : null;
            }
        }
    }

    /** A number greater than every earlier import's, of any feed: the rows it loads sort after theirs. */
    private static long nextImportId(Connection connection) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement("select nextval('gtfs_import_ids')");
             ResultSet rows = next.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void deleteFeed(Connection connection, String feedId, Long previousImportId) throws SQLException {
        GtfsFile[] files = GtfsFile.values();
        for (int i = files.length - 1; i >= 0; i--) {
            // A table keyed by import first finds the old rows by their import (a range of its key);
            // by feed alone it would read the whole table, every feed's rows.
            boolean byImport = files[i].loadedInKeyOrder() && previousImportId != null;
            String sql = "delete from " + files[i].table() + (byImport ? " where import_id = ? and feed_id = ?" : " where feed_id = ?");
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                int parameter = 1;
                if (byImport) {
                    delete.setLong(parameter++, previousImportId);
                }
                delete.setString(parameter, feedId);
                delete.executeUpdate();
            }
        }
    }

    private static long bumpVersion(Connection connection, String feedId, long importId, String sha256, ImportReport report) throws SQLException {
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        report.files().forEach(file -> rowCounts.put(file.file(), file.rowsLoaded()));
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into gtfs_feed_versions (feed_id, version, sha256, row_counts, rows_refused, import_id) values (?, 1, ?, ?::jsonb, ?, ?)
                on conflict (feed_id) do update set version = gtfs_feed_versions.version + 1, sha256 = excluded.sha256,
                    imported_at = now(), row_counts = excluded.row_counts, rows_refused = excluded.rows_refused, import_id = excluded.import_id
                returning version""")) {
            upsert.setString(1, feedId);
            upsert.setString(2, sha256);
            upsert.setString(3, Json.MAPPER.writeValueAsString(rowCounts));
            upsert.setLong(4, report.rowsRefused());
            upsert.setLong(5, importId);
            try (ResultSet rows = upsert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void load(Connection connection, String feedId, long importId, ZipFile archive, GtfsFile file, ZipEntry entry,
                             ImportProgress progress, Map<GtfsFile, KeyHashes> keysByFile, int rowsPerSortedPart) throws IOException, SQLException {
        ImportProgress.FileProgress fileProgress = progress.file(file.fileName(), entry.getSize());
        List<Column> columns = file.columns();
        StringBuilder copySql = new StringBuilder("copy ").append(file.table()).append(file.loadedInKeyOrder() ? " (import_id, import_part, feed_id" : " (feed_id");
        columns.forEach(column -> copySql.append(", ").append(column.column()));
        copySql.append(") from stdin");
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql.toString());
        boolean copyEnded = false;
        try (InputStream raw = new CountingInputStream(archive.getInputStream(entry), fileProgress);
             CSVParser parser = GTFS_CSV.parse(new InputStreamReader(new BufferedInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
             KeyOrderedRows inKeyOrder = file.loadedInKeyOrder() ? new KeyOrderedRows(importId, rowsPerSortedPart, partWriter(copy)) : null) {
            int[] fieldIndexes = fieldIndexes(file, parser.getHeaderNames());
            int[] keyIndexes = file.keyFields().stream().mapToInt(field -> indexOf(file, field, fieldIndexes)).toArray();
            int referencedIndex = file.referencedBy() == null ? -1 : indexOf(file, file.referencedBy(), fieldIndexes);
            int headerSize = parser.getHeaderNames().size();
            KeyHashes keys = new KeyHashes();
            KeyHashes referencedKeys = file.referencedBy() == null ? null : keysByFile.computeIfAbsent(file, f -> new KeyHashes());
            StringBuilder prefix = new StringBuilder();
            Column.escape(feedId, prefix);
            String feedPrefix = prefix.toString();
            StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4096);
            String[] keyParts = new String[keyIndexes.length];
            long nextLog = System.nanoTime() + PROGRESS_LOG_NANOS;
            for (CSVRecord record : iterate(parser, file)) {
                int rowStart = chunk.length();
                try {
                    // Real feeds often leave out trailing empty fields (the GTFS sample feed does): those read as empty.
                    // A row with more fields than the header has lost its alignment, and nothing in it can be trusted.
                    if (record.size() > headerSize) {
                        throw new MalformedRowException("has " + record.size() + " fields, the header " + headerSize);
                    }
                    chunk.append(feedPrefix);
                    for (int i = 0; i < columns.size(); i++) {
                        Column column = columns.get(i);
                        String value = fieldIndexes[i] < 0 || fieldIndexes[i] >= record.size() ? null : record.get(fieldIndexes[i]);
                        chunk.append('\t');
                        column.appendCopyValue(value, chunk);
                        GtfsFile referenced = column.referenced();
                        if (referenced != null) {
                            KeyHashes known = keysByFile.get(referenced);
                            if (known == null || !known.contains(KeyHashes.of(value))) {
                                throw new MalformedRowException(column.field() + " '" + value + "' is not in " + referenced.fileName());
                            }
                        }
                    }
                    for (int i = 0; i < keyIndexes.length; i++) {
                        keyParts[i] = keyIndexes[i] < 0 || keyIndexes[i] >= record.size() ? "" : record.get(keyIndexes[i]);
                    }
                    if (!keys.add(KeyHashes.ofParts(keyParts))) {
                        throw new MalformedRowException("repeats the " + String.join(", ", file.keyFields()) + " of an earlier row");
                    }
                    if (referencedKeys != null) {
                        referencedKeys.add(KeyHashes.of(record.get(referencedIndex)));
                    }
                    chunk.append('\n');
                    if (inKeyOrder != null) {
                        // Written with its part, in key order, while the next part is read.
                        inKeyOrder.add(keyParts[0], Integer.parseInt(keyParts[1]), chunk.substring(rowStart));
                        chunk.setLength(rowStart);
                    }
                    fileProgress.loaded.incrementAndGet();
                } catch (MalformedRowException e) {
                    chunk.setLength(rowStart);
                    progress.refused(file.fileName(), parser.getCurrentLineNumber(), e.getMessage());
                }
                if (chunk.length() >= COPY_CHUNK_CHARS) {
                    write(copy, chunk);
                }
                // Checked every 4,096 rows: a file loaded in key order never fills this chunk.
                if ((parser.getRecordNumber() & 0xFFF) == 0 && System.nanoTime() > nextLog) {
                    nextLog = System.nanoTime() + PROGRESS_LOG_NANOS;
                    ImportReport.FileReport report = fileProgress.report();
                    log.info("Importing feed {}: {} {}% ({} rows)", feedId, file.fileName(), report.percent(), report.rowsLoaded());
                }
            }
            write(copy, chunk);
            if (inKeyOrder != null) {
                inKeyOrder.finish();
                log.debug("Imported feed {}: {} in {} parts of up to {} rows, each in key order", feedId, file.fileName(), inKeyOrder.parts(),
                        rowsPerSortedPart);
            }
            copy.endCopy();
            copyEnded = true;
        } finally {
            if (!copyEnded && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Records of the file; a CSV syntax error (an unclosed quote) fails the import with where it is. */
    private static Iterable<CSVRecord> iterate(CSVParser parser, GtfsFile file) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<CSVRecord> records = parser.iterator();

            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new NotGtfsException(file.fileName() + " line " + parser.getCurrentLineNumber() + " is not valid CSV: " + e.getMessage());
                }
            }

            @Override
            public CSVRecord next() {
                return records.next();
            }
        };
    }

    /** For each column of the table, where its field is in this file's header (-1: absent). */
    private static int[] fieldIndexes(GtfsFile file, List<String> header) {
        List<String> names = header.stream().map(name -> name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
        List<Column> columns = file.columns();
        int[] indexes = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            indexes[i] = names.indexOf(columns.get(i).field());
            if (indexes[i] < 0 && columns.get(i).isRequired()) {
                missing.add(columns.get(i).field());
            }
        }
        if (!missing.isEmpty()) {
            throw new NotGtfsException(file.fileName() + " lacks the required column " + String.join(", ", missing));
        }
        return indexes;
    }

    private static int indexOf(GtfsFile file, String field, int[] fieldIndexes) {
        List<Column> columns = file.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).field().equals(field)) {
                return fieldIndexes[i];
            }
        }
        throw new IllegalStateException(field + " is not a column of " + file);
    }

    /** The COPY as the writer of a file's sorted parts sees it, with a chunk of its own. */
    private static KeyOrderedRows.LineWriter partWriter(CopyIn copy) {
        StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4096);
        return new KeyOrderedRows.LineWriter() {
            @Override
            public void write(String line) throws SQLException {
                chunk.append(line);
                if (chunk.length() >= COPY_CHUNK_CHARS) {
                    ScheduleImporter.write(copy, chunk);
                }
            }

            @Override
            public void endOfPart() throws SQLException {
                ScheduleImporter.write(copy, chunk);
            }
        };
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Counts the uncompressed bytes read from a zip entry, for the file's percent done. */
    private static final class CountingInputStream extends FilterInputStream {

        private final ImportProgress.FileProgress progress;

        CountingInputStream(InputStream in, ImportProgress.FileProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                progress.bytesRead.addAndGet(n);
            }
            return n;
        }
    }
}
