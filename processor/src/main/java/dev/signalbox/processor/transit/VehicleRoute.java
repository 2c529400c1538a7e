package dev.signalbox.processor.transit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.events.transit.VehicleUpdate;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.routing.Routed;
import dev.signalbox.processor.state.StateSerde;

/**
 * A vehicle position → the vehicle on its route's channel, enriched with route and trip, and its
 * latest state in {@code state.transit.vehicles}; only when it moved at least the configured
 * distance or changed trip, stop or status. A vehicle that leaves the feed, or leaves service (no
 * trip), is taken off its route. Every position also tells the route summary the vehicle is active.
 */
final class VehicleRoute implements FeedRouter.Route {

    static final String LAST_VEHICLES_STORE = "transit-last-vehicles";

    /** The last published position of a vehicle. */
    record LastVehicle(String routeId, String tripId, String stopId, String status, double latitude, double longitude,
            long sentToSummaryAtEpochSecond) {
    }

    private final double moveMetres;
    private final long summaryRefreshSeconds;
    private Schedule schedule;
    private KeyValueStore<String, LastVehicle> lastVehicles;

    VehicleRoute(ProcessorProperties.Transit settings) {
        this.moveMetres = settings.vehicleMoveMetres();
        // Often enough that a vehicle standing still stays within the summary's window.
        this.summaryRefreshSeconds = settings.activityWindow().toSeconds() / 2;
    }

    static StoreBuilder<KeyValueStore<String, LastVehicle>> storeBuilder() {
        // Cached: each poll reads and may rewrite every vehicle; only the last write per commit needs the changelog.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_VEHICLES_STORE), Serdes.String(),
                new StateSerde<>(LastVehicle.class)).withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context, Schedule schedule) {
        this.schedule = schedule;
        this.lastVehicles = context.getStateStore(LAST_VEHICLES_STORE);
    }

    @Override
    public List<Routed> route(FeedEntity feed) {
        if (!feed.entity().hasVehicle()) {
            throw new IllegalArgumentException("entity " + feed.entityId() + " has no vehicle");
        }
        VehiclePosition vehicle = feed.entity().getVehicle();
        String feedId = feed.feedId();
        String vehicleId = vehicle.getVehicle().hasId() ? vehicle.getVehicle().getId() : feed.entityId();
        String key = Schedule.key(feedId, vehicleId);
        LastVehicle last = lastVehicles.get(key);
        Instant observedAt = Objects.requireNonNullElse(GtfsRealtime.seconds(vehicle.hasTimestamp(), vehicle.getTimestamp()), feed.headerTime());

        String tripId = vehicle.getTrip().hasTripId() ? vehicle.getTrip().getTripId() : null;
        ScheduleRefs.TripRef trip = schedule.trip(feedId, tripId);
        String routeId = vehicle.getTrip().hasRouteId() ? vehicle.getTrip().getRouteId() : null;
        if (routeId == null && trip != null) {
            routeId = trip.routeId();
        }
        List<Routed> results = new ArrayList<>();
        if (feed.removed() || routeId == null) {
            // Out of the feed, or out of service: take it off the route it was last shown on.
            if (last != null) {
                lastVehicles.delete(key);
                VehicleUpdate gone = new VehicleUpdate(feedId, vehicleId, null, last.tripId(), last.routeId(), null, null, last.latitude(),
                        last.longitude(), null, null, last.stopId(), null, last.status(), true, observedAt);
                results.add(live(gone, feed.headerTime(), "transit.vehicle-removed"));
                results.add(Routed.State.removed(entity(feedId, vehicleId)));
                results.add(observation(feedId, last.routeId(), RouteObservation.Kind.VEHICLE_GONE, vehicleId, observedAt));
            }
            return results;
        }
        Position position = vehicle.getPosition();
        if (!vehicle.hasPosition() || !position.hasLatitude() || !position.hasLongitude()) {
            throw new IllegalArgumentException("vehicle " + vehicleId + " has no position");
        }
        double latitude = GtfsRealtime.decimal(position.getLatitude());
        double longitude = GtfsRealtime.decimal(position.getLongitude());
        String stopId = vehicle.hasStopId() ? vehicle.getStopId() : null;
        String status = vehicle.hasCurrentStatus() ? vehicle.getCurrentStatus().name() : "IN_TRANSIT_TO";

        if (last != null && !last.routeId().equals(routeId)) {
            results.add(observation(feedId, last.routeId(), RouteObservation.Kind.VEHICLE_GONE, vehicleId, observedAt));
        }
        boolean news = last == null
                || !last.routeId().equals(routeId)
                || !Objects.equals(last.tripId(), tripId)
                || !Objects.equals(last.stopId(), stopId)
                || !last.status().equals(status)
                || GtfsRealtime.metresBetween(last.latitude(), last.longitude(), latitude, longitude) >= moveMetres;
        long now = feed.headerTime().getEpochSecond();
        boolean summaryDue = news || now - last.sentToSummaryAtEpochSecond() >= summaryRefreshSeconds;
        if (summaryDue) {
            results.add(observation(feedId, routeId, RouteObservation.Kind.VEHICLE_SEEN, vehicleId, observedAt));
        }
        if (!news) {
            if (summaryDue) {
                lastVehicles.put(key, new LastVehicle(last.routeId(), last.tripId(), last.stopId(), last.status(), last.latitude(),
                        last.longitude(), now));
            }
            return results;
        }
        lastVehicles.put(key, new LastVehicle(routeId, tripId, stopId, status, latitude, longitude, now));
        ScheduleRefs.RouteRef route = schedule.route(feedId, routeId);
        ScheduleRefs.StopRef stop = schedule.stop(feedId, stopId);
        Float bearing = position.hasBearing() ? position.getBearing() : null;
        Float speed = position.hasSpeed() ? position.getSpeed() : null;
        VehicleUpdate update = new VehicleUpdate(feedId, vehicleId, vehicle.getVehicle().hasLabel() ? vehicle.getVehicle().getLabel() : null, tripId, routeId,
                route == null ? null : route.shortName(), trip == null ? null : trip.headsign(), latitude, longitude, bearing, speed, stopId,
                stop == null ? null : stop.name(), status, false, observedAt);
        results.add(live(update, feed.headerTime(), "transit.vehicle"));
        String entity = entity(feedId, vehicleId);
        results.add(new Routed.State(entity, new StateRecord(entity, List.of(TransitChannels.route(feedId, routeId).name()),
                feed.headerTime().toEpochMilli(), observedAt, Json.MAPPER.valueToTree(update))));
        return results;
    }

    static String entity(String feedId, String vehicleId) {
        return "vehicle-" + feedId + ":" + vehicleId;
    }

    private static Routed.Live live(VehicleUpdate update, Instant headerTime, String type) {
        String entity = entity(update.feedId(), update.vehicleId());
        return new Routed.Live(TransitChannels.route(update.feedId(), update.routeId()), update,
                CloudEvents.headers(entity + "-" + headerTime.getEpochSecond(), TripUpdateRoute.CE_SOURCE, type, update.observedAt(), entity,
                        headerTime.toEpochMilli()));
    }

    private static Routed.Forward observation(String feedId, String routeId, RouteObservation.Kind kind, String vehicleId, Instant at) {
        RouteObservation observation = new RouteObservation(feedId, routeId, kind, vehicleId, null, at);
        return new Routed.Forward(observation.routeKey(), observation);
    }
}
