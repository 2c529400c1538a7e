package dev.signalbox.events;

/**
 * The registry of Signalbox's topic names and their defaults. Modules take these as the default
 * values of their configuration properties, so a deployment can rename any topic in one place and
 * no module spells a topic name of its own.
 */
public final class Topics {

    /** Prefix of every change-data-capture topic: {@code cdc.<schema>.<table>}. */
    public static final String CDC_PREFIX = "cdc";

    public static final String CDC_COMPANIES = CDC_PREFIX + ".public.companies";
    public static final String CDC_JOB_POSTINGS = CDC_PREFIX + ".public.job_postings";
    public static final String CDC_JOB_APPLICATIONS = CDC_PREFIX + ".public.job_applications";
    public static final String CDC_LEAGUES = CDC_PREFIX + ".public.leagues";
    public static final String CDC_TEAMS = CDC_PREFIX + ".public.teams";
    public static final String CDC_MATCHES = CDC_PREFIX + ".public.matches";
    public static final String CDC_MATCH_EVENTS = CDC_PREFIX + ".public.match_events";
    public static final String CDC_NOTIFICATIONS = CDC_PREFIX + ".public.notifications";
    public static final String CDC_TRANSIT_ALERTS = CDC_PREFIX + ".public.transit_alerts";

    /** The GTFS static schedule, loaded into PostgreSQL and captured like any other table. */
    public static final String CDC_GTFS_AGENCY = CDC_PREFIX + ".public.gtfs_agency";
    public static final String CDC_GTFS_ROUTES = CDC_PREFIX + ".public.gtfs_routes";
    public static final String CDC_GTFS_STOPS = CDC_PREFIX + ".public.gtfs_stops";
    public static final String CDC_GTFS_TRIPS = CDC_PREFIX + ".public.gtfs_trips";
    public static final String CDC_GTFS_STOP_TIMES = CDC_PREFIX + ".public.gtfs_stop_times";

    /** GTFS-Realtime entities as polled, keyed {@code <feedId>:<entityId>}. */
    public static final String FEED_TRIP_UPDATES = "feed.transit.trip-updates";
    public static final String FEED_VEHICLE_POSITIONS = "feed.transit.vehicle-positions";
    public static final String FEED_ALERTS = "feed.transit.alerts";

    /** Prefix of the outbox topics: a row of aggregate type {@code t} is published to {@code outbox.t}. */
    public static final String OUTBOX_PREFIX = "outbox";

    /** Prefix of the live topics, one per domain ({@code live.jobs}), keyed by channel; retained for the replay window. */
    public static final String LIVE_PREFIX = "live";
    public static final String LIVE_JOBS = LIVE_PREFIX + ".jobs";
    public static final String LIVE_SPORTS = LIVE_PREFIX + ".sports";
    public static final String LIVE_TRANSIT = LIVE_PREFIX + ".transit";
    public static final String LIVE_NOTIFICATIONS = LIVE_PREFIX + ".notifications";

    /** Compacted latest state per entity, for snapshots. */
    public static final String STATE_JOBS_POSTINGS = "state.jobs.postings";
    public static final String STATE_SPORTS_SCOREBOARDS = "state.sports.scoreboards";
    public static final String STATE_TRANSIT_VEHICLES = "state.transit.vehicles";
    public static final String STATE_TRANSIT_ROUTES = "state.transit.routes";

    /** Records a stage could not handle: the original bytes, the error in headers. */
    public static final String DLQ_INGEST = "dlq.ingest";
    public static final String DLQ_PROCESSOR = "dlq.processor";

    /** Where the embedded Debezium engine keeps its source offsets (a Kafka topic, as Connect does). */
    public static final String INGEST_OFFSETS = "signalbox.ingest.offsets";

    private Topics() {
    }

    public static String cdc(String schema, String table) {
        return CDC_PREFIX + "." + schema + "." + table;
    }

    /** The live topic of a channel's domain: {@code jobs} → {@code live.jobs}. */
    public static String live(String domain) {
        return LIVE_PREFIX + "." + domain;
    }
}
