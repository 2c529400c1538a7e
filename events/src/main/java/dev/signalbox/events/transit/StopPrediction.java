package dev.signalbox.events.transit;

import java.time.Instant;

/**
 * When one trip is now expected at one stop, on {@code transit.stop.<stop>}: "route 42 to Airport is
 * 4 minutes late at Main St".
 *
 * @param scheduled            the timetable's arrival (or departure) at the stop; null when the trip or stop is not in the schedule
 * @param predicted            the feed's predicted time, or the schedule plus the delay
 * @param delaySeconds         predicted minus scheduled; positive is late
 * @param scheduleRelationship {@code SCHEDULED}, {@code SKIPPED} or {@code NO_DATA}
 * @param observedAt           the feed header time the prediction came with
 */
public record StopPrediction(
        String feedId,
        String tripId,
        String routeId,
        String routeShortName,
        String headsign,
        String stopId,
        String stopName,
        int stopSequence,
        Instant scheduled,
        Instant predicted,
        Integer delaySeconds,
        String scheduleRelationship,
        String vehicleId,
        Instant observedAt) {
}
