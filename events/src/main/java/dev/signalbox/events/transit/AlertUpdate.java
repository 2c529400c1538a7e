package dev.signalbox.events.transit;

import java.time.Instant;
import java.util.List;

/**
 * A service alert resolved to the routes and stops it informs, on {@code transit.alerts} and on each
 * of their channels; {@code removed} when it ended.
 *
 * @param source      {@code feed} for a GTFS-Realtime alert, {@code operator} for one written in Signalbox
 * @param routeIds    the routes it informs, directly or through an informed trip
 * @param stopIds     the stops it informs
 * @param activeFrom  start of the first active period; null when always active
 * @param activeUntil end of the last active period; null when open-ended
 */
public record AlertUpdate(
        String feedId,
        String alertId,
        String source,
        String cause,
        String effect,
        String header,
        String description,
        Instant activeFrom,
        Instant activeUntil,
        List<String> routeIds,
        List<String> stopIds,
        boolean removed,
        Instant observedAt) {
}
