package dev.signalbox.processor.transit;

import java.time.Instant;

/**
 * What the route summary learns from one trip update or vehicle position, sent to the route's
 * partition (the repartition topic carries it as JSON).
 *
 * @param subjectId    the trip (for a delay) or the vehicle
 * @param delaySeconds the trip's current delay; null for vehicles
 */
record RouteObservation(String feedId, String routeId, Kind kind, String subjectId, Integer delaySeconds, Instant observedAt) {

    enum Kind {
        TRIP_DELAY, VEHICLE_SEEN, VEHICLE_GONE
    }

    String routeKey() {
        return Schedule.key(feedId, routeId);
    }
}
