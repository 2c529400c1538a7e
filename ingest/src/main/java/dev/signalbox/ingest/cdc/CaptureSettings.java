package dev.signalbox.ingest.cdc;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.signalbox.ingest.IngestProperties;

/** Translates Signalbox's settings into the Debezium engine's configuration. */
final class CaptureSettings {

    /**
     * Tables keyed in PostgreSQL by the import that loaded the row first (migration V5 says why),
     * with the key their changes keep in Kafka: the row's own identity, so a re-import's delete and
     * insert of one row go to one partition, in order.
     */
    private static final Map<String, String> KEYED_BY_IMPORT = Map.of(
            "gtfs_stop_times", "feed_id,trip_id,stop_sequence",
            "gtfs_shapes", "feed_id,shape_id,shape_pt_sequence");

    private CaptureSettings() {
    }

    static Properties debeziumProperties(IngestProperties.Cdc cdc, PostgresConnection database, String user, String password,
            String bootstrapServers) {
        Properties config = new Properties();
        config.setProperty("name", cdc.engineName());
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");

        // Offsets live in Kafka, as in Kafka Connect: ingest can restart or move host and go on
        // exactly where it was, and the offsets share their fate with the topics they describe.
        config.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        config.setProperty("offset.storage.topic", cdc.offsetsTopic());
        config.setProperty("offset.storage.partitions", "1");
        config.setProperty("offset.storage.replication.factor", "-1"); // the broker's default
        config.setProperty("bootstrap.servers", bootstrapServers);
        // Fewer re-deliveries after a crash, at the cost of one small write per interval.
        config.setProperty("offset.flush.interval.ms", String.valueOf(cdc.offsetFlushInterval().toMillis()));

        config.setProperty("database.hostname", database.host());
        config.setProperty("database.port", String.valueOf(database.port()));
        config.setProperty("database.dbname", database.database());
        config.setProperty("database.user", user);
        config.setProperty("database.password", password == null ? "" : password);

        config.setProperty("topic.prefix", cdc.topicPrefix());
        // pgoutput is built into PostgreSQL 10+: nothing to install on the database server.
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", cdc.slotName());
        config.setProperty("publication.name", cdc.publicationName());
        // Create the publication for exactly the captured tables, and keep it in step with them.
        config.setProperty("publication.autocreate.mode", "filtered");
        config.setProperty("table.include.list", String.join(",", cdc.tables()));
        String keyColumns = messageKeyColumns(cdc.tables());
        if (!keyColumns.isEmpty()) {
            config.setProperty("message.key.columns", keyColumns);
        }
        config.setProperty("snapshot.mode", cdc.snapshotMode());
        // The default 500 ms wait for a fuller batch costs every event half a second of latency.
        config.setProperty("poll.interval.ms", String.valueOf(cdc.pollInterval().toMillis()));
        config.setProperty("max.batch.size", String.valueOf(cdc.maxBatchSize()));
        config.setProperty("max.queue.size", String.valueOf(cdc.maxQueueSize()));
        config.setProperty("heartbeat.interval.ms", String.valueOf(cdc.heartbeatInterval().toMillis()));
        // Exact decimals as strings rather than Connect's base64 bytes: readable by any consumer.
        config.setProperty("decimal.handling.mode", "string");

        if (cdc.capturesOutbox()) {
            routeOutbox(config, cdc);
        }

        // Debezium's context headers (connector name, task id) on every event tell a consumer nothing
        // that the topic does not; they cost every event three headers to write, send and store.
        config.setProperty("extended.headers.enabled", "false");
        return config;
    }

    /** Debezium's {@code message.key.columns} for the captured tables keyed by import: {@code schema.table:columns;…}. */
    static String messageKeyColumns(List<String> capturedTables) {
        StringBuilder keys = new StringBuilder();
        for (String table : capturedTables) {
            String columns = KEYED_BY_IMPORT.get(table.substring(table.indexOf('.') + 1));
            if (columns != null) {
                keys.append(keys.isEmpty() ? "" : ";").append(table).append(':').append(columns);
            }
        }
        return keys.toString();
    }

    /**
     * Debezium's outbox event router, applied to the outbox table's changes only: each inserted row
     * becomes one event on {@code <outboxTopicPrefix>.<aggregatetype>}, keyed by {@code aggregateid},
     * its payload as the value and the row's {@code id} in the {@code id} header.
     */
    private static void routeOutbox(Properties config, IngestProperties.Cdc cdc) {
        config.setProperty("transforms", "outbox");
        config.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        config.setProperty("transforms.outbox.predicate", "isOutboxTable");
        config.setProperty("transforms.outbox.route.topic.replacement", cdc.outboxTopicPrefix() + ".${routedByValue}");
        // The jsonb payload as nested JSON, not as a string holding JSON.
        config.setProperty("transforms.outbox.table.expand.json.payload", "true");
        config.setProperty("predicates", "isOutboxTable");
        config.setProperty("predicates.isOutboxTable.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        config.setProperty("predicates.isOutboxTable.pattern", java.util.regex.Pattern.quote(cdc.changeTopic(cdc.outboxTable())));
    }
}
