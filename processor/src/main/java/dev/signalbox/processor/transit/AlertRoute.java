package dev.signalbox.processor.transit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.streams.processor.api.ProcessorContext;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.transit.AlertUpdate;
import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.processor.routing.Routed;
import tools.jackson.databind.JsonNode;

/**
 * A GTFS-Realtime service alert → resolved to the routes it informs (directly, or through an
 * informed trip) and the stops it informs, on {@code transit.alerts} and each of their channels.
 */
final class AlertRoute implements FeedRouter.Route {

    private Schedule schedule;

    @Override
    public void init(ProcessorContext<byte[], Routed> context, Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public List<Routed> route(FeedEntity feed) {
        JsonNode alert = feed.entity().get("alert");
        if (alert == null || !alert.isObject()) {
            throw new IllegalArgumentException("entity " + feed.entityId() + " has no alert");
        }
        Set<String> routes = new LinkedHashSet<>();
        Set<String> stops = new LinkedHashSet<>();
        for (JsonNode informed : alert.path("informedEntity")) {
            String routeId = GtfsRealtime.text(informed, "routeId");
            JsonNode trip = informed.get("trip");
            if (routeId == null && trip != null) {
                routeId = GtfsRealtime.text(trip, "routeId");
                if (routeId == null) {
                    ScheduleRefs.TripRef tripRef = schedule.trip(feed.feedId(), GtfsRealtime.text(trip, "tripId"));
                    routeId = tripRef == null ? null : tripRef.routeId();
                }
            }
            if (routeId != null) {
                routes.add(routeId);
            }
            String stopId = GtfsRealtime.text(informed, "stopId");
            if (stopId != null) {
                stops.add(stopId);
            }
        }
        Instant from = null;
        Instant until = null;
        boolean openEnded = false;
        for (JsonNode period : alert.path("activePeriod")) {
            Instant start = GtfsRealtime.seconds(period, "start");
            Instant end = GtfsRealtime.seconds(period, "end");
            from = from == null || (start != null && start.isBefore(from)) ? start : from;
            openEnded |= end == null;
            until = end != null && (until == null || end.isAfter(until)) ? end : until;
        }
        AlertUpdate update = new AlertUpdate(feed.feedId(), feed.entityId(), "feed",
                Objects.requireNonNullElse(GtfsRealtime.text(alert, "cause"), "UNKNOWN_CAUSE"),
                Objects.requireNonNullElse(GtfsRealtime.text(alert, "effect"), "UNKNOWN_EFFECT"),
                GtfsRealtime.translated(alert.path("headerText")), GtfsRealtime.translated(alert.path("descriptionText")),
                from, openEnded ? null : until, List.copyOf(routes), List.copyOf(stops), feed.removed(), feed.headerTime());
        String id = "alert-" + feed.feedId() + ":" + feed.entityId() + "-" + feed.headerTime().getEpochSecond() + (feed.removed() ? "-removed" : "");
        return publish(update, id, feed.headerTime());
    }

    /** The alert on {@code transit.alerts} and on every route and stop channel it informs. */
    static List<Routed> publish(AlertUpdate update, String id, Instant time) {
        String type = update.removed() ? "transit.alert-removed" : "transit.alert";
        List<Routed> results = new ArrayList<>();
        results.add(new Routed.Live(TransitChannels.ALERTS, update, CloudEvents.headers(id, TripUpdateRoute.CE_SOURCE, type, time)));
        for (String route : update.routeIds()) {
            results.add(new Routed.Live(TransitChannels.route(update.feedId(), route), update,
                    CloudEvents.headers(id, TripUpdateRoute.CE_SOURCE, type, time)));
        }
        for (String stop : update.stopIds()) {
            results.add(new Routed.Live(TransitChannels.stop(update.feedId(), stop), update,
                    CloudEvents.headers(id, TripUpdateRoute.CE_SOURCE, type, time)));
        }
        return results;
    }
}
