package dev.signalbox.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.signalbox.events.Topics;

/**
 * Everything ingest can be told, under {@code signalbox.ingest}. Database and Kafka connections
 * come from Spring Boot's own {@code spring.datasource.*} and {@code spring.kafka.*}.
 */
@ConfigurationProperties("signalbox.ingest")
public record IngestProperties(@DefaultValue Cdc cdc, @DefaultValue Transit transit) {

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
                    "public.gtfs_agency", "public.gtfs_routes", "public.gtfs_stops", "public.gtfs_trips", "public.gtfs_stop_times",
                    "public.gtfs_calendar", "public.gtfs_calendar_dates", "public.gtfs_feed_versions"})
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

    /**
     * Third-party transit feeds: GTFS static schedules imported into PostgreSQL (and so captured),
     * GTFS-Realtime feeds polled into the {@code feed.transit.*} topics.
     *
     * @param schedules              schedules imported at start-up (skipped when the same archive is loaded already)
     * @param realtime               the GTFS-Realtime feeds to poll
     * @param tripUpdatesTopic       where trip update entities go
     * @param vehiclePositionsTopic  where vehicle position entities go
     * @param alertsTopic            where service alert entities go
     * @param deadLetterTopic        unusable feed records, with the rule they broke in a header
     * @param topicPartitions        partitions of each feed topic this app creates
     * @param maxScheduleSize        the largest GTFS zip the import downloads or accepts
     * @param problemsReported       how many malformed rows an import lists (all are counted)
     * @param simulator              serve simulated GTFS-Realtime feeds from imported schedules (demo and tests)
     */
    public record Transit(
            @DefaultValue List<ScheduleSource> schedules,
            @DefaultValue List<RealtimeFeed> realtime,
            @DefaultValue(Topics.FEED_TRIP_UPDATES) String tripUpdatesTopic,
            @DefaultValue(Topics.FEED_VEHICLE_POSITIONS) String vehiclePositionsTopic,
            @DefaultValue(Topics.FEED_ALERTS) String alertsTopic,
            @DefaultValue(Topics.DLQ_INGEST) String deadLetterTopic,
            @DefaultValue("3") int topicPartitions,
            @DefaultValue("2GB") DataSize maxScheduleSize,
            @DefaultValue("1000") int problemsReported,
            @DefaultValue Simulator simulator) {
    }

    /**
     * A GTFS static feed to import at start-up.
     *
     * @param feedId the feed's id, the first part of every key and channel built from its ids
     * @param source a {@code file:}, {@code classpath:}, {@code http:} or {@code https:} location of the zip
     */
    public record ScheduleSource(String feedId, String source) {
    }

    /**
     * One GTFS-Realtime URL to poll.
     *
     * @param id          names this poller in health and metrics
     * @param feedId      the static feed whose ids the entities use; keys are {@code <feedId>:<entityId>} (default: {@code id})
     * @param url         the feed's URL; a bare path ({@code /simulator/demo/gtfs-rt}) is served by this app itself
     * @param headers     request headers, such as an API key
     * @param interval    time between polls while the feed answers
     * @param timeout     the longest a fetch may take
     * @param maxBackoff  the longest wait between polls while the feed fails (the wait doubles from {@code interval})
     * @param entityTypes which entity types to publish; others in the feed are ignored
     * @param maxSize     the largest feed body accepted
     * @param staleAfter  a header timestamp older than this counts under rule W008
     */
    public record RealtimeFeed(
            String id,
            String feedId,
            URI url,
            @DefaultValue Map<String, String> headers,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue({"trip-updates", "vehicle-positions", "alerts"}) Set<EntityType> entityTypes,
            @DefaultValue("64MB") DataSize maxSize,
            @DefaultValue("65s") Duration staleAfter) {

        public RealtimeFeed {
            if (id == null || id.isBlank() || url == null) {
                throw new IllegalArgumentException("a signalbox.ingest.transit.realtime feed needs an id and a url");
            }
            if (!url.isAbsolute() && !url.toString().startsWith("/")) {
                throw new IllegalArgumentException("feed " + id + ": url must be http(s)://… or a path on this app, not " + url);
            }
            if (feedId == null || feedId.isBlank()) {
                feedId = id;
            }
        }
    }

    /** The kinds of GTFS-Realtime entity. */
    public enum EntityType { TRIP_UPDATES, VEHICLE_POSITIONS, ALERTS }

    /**
     * The GTFS-Realtime simulator: a demo and test stand-in for an agency's live feed, served at
     * {@code /simulator/<feedId>/gtfs-rt} from the imported schedule. Not for production.
     *
     * @param enabled       whether to serve it
     * @param alertInterval how often a simulated service alert starts (each lasts a third of that)
     */
    public record Simulator(@DefaultValue("false") boolean enabled, @DefaultValue("10m") Duration alertInterval) {
    }
}
