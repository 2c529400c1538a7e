package dev.signalbox.processor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.signalbox.events.Topics;

/**
 * Everything the processor can be told, under {@code signalbox.processor}. Topic names follow the
 * registry in {@link Topics}; the two prefixes let one cluster hold several deployments (or tests).
 *
 * @param cdcPrefix          the ingest's topic prefix: captured tables are {@code <cdcPrefix>.<cdcSchema>.<table>}
 * @param cdcSchema          the captured schema holding Signalbox's tables
 * @param feedPrefix         prepended to the transit feed topics ({@code feed.transit.*})
 * @param outputPrefix       prepended to every topic the processor writes ({@code live.*}, {@code state.*}, {@code dlq.processor})
 * @param livePartitions     partitions of the live and state topics when this app creates them
 * @param liveRetention      how long live topics keep history: the replay and resume window
 * @param deadLetterRetention how long rejected records are kept for inspection and replay
 * @param transit            the transit topology's thresholds
 */
@ConfigurationProperties("signalbox.processor")
public record ProcessorProperties(
        @DefaultValue(Topics.CDC_PREFIX) String cdcPrefix,
        @DefaultValue("public") String cdcSchema,
        @DefaultValue("") String feedPrefix,
        @DefaultValue("") String outputPrefix,
        @DefaultValue("3") int livePartitions,
        @DefaultValue("7d") Duration liveRetention,
        @DefaultValue("14d") Duration deadLetterRetention,
        @DefaultValue Transit transit) {

    /** The defaults, as production runs without configuration (tests start from here). */
    public static ProcessorProperties defaults() {
        return new ProcessorProperties(Topics.CDC_PREFIX, "public", "", "", 3, Duration.ofDays(7), Duration.ofDays(14), Transit.defaults());
    }

    /** The same settings writing to topics under another prefix. */
    public ProcessorProperties withOutputPrefix(String prefix) {
        return new ProcessorProperties(cdcPrefix, cdcSchema, feedPrefix, prefix, livePartitions, liveRetention, deadLetterRetention, transit);
    }

    public String cdcTopic(String table) {
        return cdcPrefix + "." + cdcSchema + "." + table;
    }

    public String feedTopic(String registryName) {
        return feedPrefix + registryName;
    }

    /** A topic this app writes, by its registry name ({@link Topics#LIVE_JOBS}, …). */
    public String outputTopic(String registryName) {
        return outputPrefix + registryName;
    }

    public String deadLetterTopic() {
        return outputTopic(Topics.DLQ_PROCESSOR);
    }

    /**
     * When a transit change is worth an event.
     *
     * @param delayThreshold      a stop's prediction goes out again only when its delay moved by at least this
     * @param onTimeEarliest      the earliest a vehicle may be and still count as on time (negative: early)
     * @param onTimeLatest        the latest a vehicle may be and still count as on time
     * @param vehicleMoveMetres   a vehicle's position goes out again only when it moved at least this far
     *                            (or changed trip, stop or status)
     * @param activityWindow      a route summary counts the vehicles and trips heard from within this window
     * @param operatorFeedId      the feed whose route and stop ids operator-written alerts use
     */
    public record Transit(
            @DefaultValue("30s") Duration delayThreshold,
            @DefaultValue("-1m") Duration onTimeEarliest,
            @DefaultValue("5m") Duration onTimeLatest,
            @DefaultValue("25") double vehicleMoveMetres,
            @DefaultValue("10m") Duration activityWindow,
            @DefaultValue("demo") String operatorFeedId) {

        /** Whether a vehicle this late (negative: early) counts as on time. */
        public boolean onTime(long delaySeconds) {
            return delaySeconds >= onTimeEarliest.toSeconds() && delaySeconds <= onTimeLatest.toSeconds();
        }

        public static Transit defaults() {
            return new Transit(Duration.ofSeconds(30), Duration.ofMinutes(-1), Duration.ofMinutes(5), 25, Duration.ofMinutes(10), "demo");
        }
    }
}
