package dev.signalbox.processor.transit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;

import org.apache.kafka.streams.processor.api.ProcessorContext;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.transit.AlertUpdate;
import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.processor.routing.Routed;

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
        if (!feed.entity().hasAlert()) {
            throw new IllegalArgumentException("entity " + feed.entityId() + " has no alert");
        }
        Alert alert = feed.entity().getAlert();
        Set<String> routes = new LinkedHashSet<>();
        Set<String> stops = new LinkedHashSet<>();
        for (EntitySelector informed : alert.getInformedEntityList()) {
            String routeId = informed.hasRouteId() ? informed.getRouteId() : null;
            if (routeId == null && informed.hasTrip()) {
                TripDescriptor trip = informed.getTrip();
                routeId = trip.hasRouteId() ? trip.getRouteId() : null;
                if (routeId == null) {
                    ScheduleRefs.TripRef tripRef = schedule.trip(feed.feedId(), trip.hasTripId() ? trip.getTripId() : null);
                    routeId = tripRef == null ? null : tripRef.routeId();
                }
            }
            if (routeId != null) {
                routes.add(routeId);
            }
            if (informed.hasStopId()) {
                stops.add(informed.getStopId());
            }
        }
        Instant from = null;
        Instant until = null;
        boolean openEnded = false;
        for (TimeRange period : alert.getActivePeriodList()) {
            Instant start = GtfsRealtime.seconds(period.hasStart(), period.getStart());
            Instant end = GtfsRealtime.seconds(period.hasEnd(), period.getEnd());
            from = from == null || (start != null && start.isBefore(from)) ? start : from;
            openEnded |= end == null;
            until = end != null && (until == null || end.isAfter(until)) ? end : until;
        }
        AlertUpdate update = new AlertUpdate(feed.feedId(), feed.entityId(), "feed",
                alert.hasCause() ? alert.getCause().name() : "UNKNOWN_CAUSE",
                alert.hasEffect() ? alert.getEffect().name() : "UNKNOWN_EFFECT",
                GtfsRealtime.translated(alert.getHeaderText()), GtfsRealtime.translated(alert.getDescriptionText()),
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
