package dev.signalbox.events.transit;

import java.time.Instant;

/**
 * How one route is running now, on {@code transit.route.<route>} and in {@code state.transit.routes}.
 *
 * @param vehiclesInService vehicles on the route seen within the activity window
 * @param tripsReporting    trips with a delay seen within the activity window
 * @param meanDelaySeconds  their mean delay; null when none reports
 * @param onTimeShare       the share of them within the on-time window (0–1); null when none reports
 */
public record RouteSummary(
        String feedId,
        String routeId,
        String routeShortName,
        int vehiclesInService,
        int tripsReporting,
        Double meanDelaySeconds,
        Double onTimeShare,
        Instant updatedAt) {
}
