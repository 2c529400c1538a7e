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
