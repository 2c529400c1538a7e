package dev.signalbox.ingest;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.signalbox.events.Topics;

/**
 * Everything ingest can be told, under {@code signalbox.ingest}. Database and Kafka connections
 * come from Spring Boot's own {@code spring.datasource.*} and {@code spring.kafka.*}.
 */
@ConfigurationProperties("signalbox.ingest")
public record IngestProperties(@DefaultValue Cdc cdc) {

    /**
     * Change data capture with Debezium's embedded engine.
     *
     * @param enabled            whether to run the engine at all (the write API works without it)
     * @param engineName         the engine's name; also names its offsets inside the offsets topic
     * @param slotName           the PostgreSQL replication slot; one per ingest deployment
     * @param publicationName    the PostgreSQL publication of the captured tables
     * @param topicPrefix        change events go to {@code <topicPrefix>.<schema>.<table>}
     * @param tables             the captured tables, {@code schema.table}
     * @param offsetsTopic       the Kafka topic the engine stores its source offsets in
     * @param topicPartitions    partitions of each change topic this app creates
     * @param snapshotMode       Debezium's snapshot.mode: {@code initial} reads existing rows first
     * @param pollInterval       how long the engine waits for more changes before handing over a batch
     * @param offsetFlushInterval how often processed positions are written to the offsets topic
     * @param heartbeatInterval  heartbeats keep the slot advancing while captured tables are quiet
     * @param outboxTable        the captured table whose rows are routed as explicit events, not changes
     * @param outboxTopicPrefix  outbox rows go to {@code <outboxTopicPrefix>.<aggregatetype>}
     * @param retainedWalWarning slot WAL retained beyond this turns the capture-slot health to WARNING
     * @param maxBatchSize       most changes the engine hands over (and publishes) in one batch
     * @param maxQueueSize       changes the engine may buffer between the database and the publisher
     */
    public record Cdc(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("signalbox-ingest") String engineName,
            @DefaultValue("signalbox") String slotName,
            @DefaultValue("signalbox") String publicationName,
            @DefaultValue(Topics.CDC_PREFIX) String topicPrefix,
            @DefaultValue({"public.companies", "public.job_postings", "public.job_applications", "public.leagues", "public.teams",
                    "public.matches", "public.match_events", "public.notifications", "public.transit_alerts", "public.outbox",
                    "public.gtfs_agency", "public.gtfs_routes", "public.gtfs_stops", "public.gtfs_trips", "public.gtfs_stop_times"})
            List<String> tables,
            @DefaultValue(Topics.INGEST_OFFSETS) String offsetsTopic,
            @DefaultValue("3") int topicPartitions,
            @DefaultValue("initial") String snapshotMode,
            @DefaultValue("10ms") Duration pollInterval,
            @DefaultValue("1s") Duration offsetFlushInterval,
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue("public.outbox") String outboxTable,
            @DefaultValue(Topics.OUTBOX_PREFIX) String outboxTopicPrefix,
            @DefaultValue("1GB") DataSize retainedWalWarning,
            @DefaultValue("8192") int maxBatchSize,
            @DefaultValue("32768") int maxQueueSize) {

        /** The topic each captured table's changes land in (the outbox table's rows are routed instead). */
        public List<String> changeTopics() {
            return tables.stream().filter(table -> !capturesOutbox() || !table.equals(outboxTable)).map(this::changeTopic).toList();
        }

        public String changeTopic(String table) {
            return topicPrefix + "." + table;
        }

        public boolean capturesOutbox() {
            return tables.contains(outboxTable);
        }
    }
}
