package dev.signalbox.events.transit;

import java.time.Instant;

/**
 * Where a vehicle is, on its route's {@code transit.route.<route>} channel, enriched with the route
 * and trip it serves; {@code removed} when it left the feed (out of service).
 *
 * @param currentStatus {@code INCOMING_AT}, {@code STOPPED_AT} or {@code IN_TRANSIT_TO}
 * @param observedAt    the vehicle's own timestamp, else the feed header time
 */
public record VehicleUpdate(
        String feedId,
        String vehicleId,
        String label,
        String tripId,
        String routeId,
        String routeShortName,
        String headsign,
        double latitude,
        double longitude,
        Float bearing,
        Float speed,
        String stopId,
        String stopName,
        String currentStatus,
        boolean removed,
        Instant observedAt) {
}
