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

    /** Prefix of the outbox topics: a row of aggregate type {@code t} is published to {@code outbox.t}. */
    public static final String OUTBOX_PREFIX = "outbox";

    /** The live job events, keyed by channel; retained for the replay window. */
    public static final String LIVE_JOBS = "live.jobs";

    /** Records the processor could not handle: the original bytes, the error in headers. */
    public static final String DLQ_PROCESSOR = "dlq.processor";

    /** Where the embedded Debezium engine keeps its source offsets (a Kafka topic, as Connect does). */
    public static final String INGEST_OFFSETS = "signalbox.ingest.offsets";

    private Topics() {
    }

    public static String cdc(String schema, String table) {
        return CDC_PREFIX + "." + schema + "." + table;
    }
}
