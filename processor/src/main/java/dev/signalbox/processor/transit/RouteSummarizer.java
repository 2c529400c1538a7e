package dev.signalbox.processor.transit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.JsonSerde;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.transit.RouteSummary;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.routing.Forwarding;
import dev.signalbox.processor.routing.Routed;

/**
 * Keeps a summary per route, on the route's partition, as trip delays and vehicle sightings
 * arrive: vehicles in service and trips reporting within the activity window, their mean delay and
 * the share on time. It goes out on {@code transit.route.<route>} and to {@code state.transit.routes}
 * only when a count changed or the mean delay moved by at least the delay threshold.
 */
final class RouteSummarizer implements Processor<byte[], RouteObservation, byte[], Routed> {

    static final String ACTIVITY_STORE = "transit-route-activity";

    /** What a route has seen lately: vehicle → last seen, trip → delay and when; and what was last published. */
    record Activity(Map<String, Long> vehicles, Map<String, TripDelay> trips, RouteSummary published) {
    }

    record TripDelay(int delaySeconds, long seenAtMillis) {
    }

    private final ProcessorProperties.Transit settings;
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, Activity> activities;
    private Schedule schedule;

    RouteSummarizer(ProcessorProperties.Transit settings) {
        this.settings = settings;
    }

    static StoreBuilder<KeyValueStore<String, Activity>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_STORE), Serdes.String(), new JsonSerde<>(Activity.class));
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.activities = context.getStateStore(ACTIVITY_STORE);
        this.schedule = Schedule.of(context);
    }

    @Override
    public void process(Record<byte[], RouteObservation> record) {
        RouteObservation observation = record.value();
        String key = observation.routeKey();
        Activity activity = activities.get(key);
        Map<String, Long> vehicles = activity == null ? new HashMap<>() : new HashMap<>(activity.vehicles());
        Map<String, TripDelay> trips = activity == null ? new HashMap<>() : new HashMap<>(activity.trips());
        long at = observation.observedAt().toEpochMilli();
        switch (observation.kind()) {
            case VEHICLE_SEEN -> vehicles.put(observation.subjectId(), at);
            case VEHICLE_GONE -> vehicles.remove(observation.subjectId());
            case TRIP_DELAY -> trips.put(observation.subjectId(), new TripDelay(observation.delaySeconds(), at));
        }
        long oldest = at - settings.activityWindow().toMillis();
        vehicles.values().removeIf(seen -> seen < oldest);
        trips.values().removeIf(trip -> trip.seenAtMillis() < oldest);

        RouteSummary summary = summarize(observation, vehicles.size(), trips);
        RouteSummary published = activity == null ? null : activity.published();
        boolean news = published == null
                || published.vehiclesInService() != summary.vehiclesInService()
                || published.tripsReporting() != summary.tripsReporting()
                || !java.util.Objects.equals(published.onTimeShare(), summary.onTimeShare())
                || meanMoved(published.meanDelaySeconds(), summary.meanDelaySeconds());
        activities.put(key, new Activity(vehicles, trips, news ? summary : published));
        if (news) {
            String entity = "route-" + observation.feedId() + ":" + observation.routeId();
            var channel = TransitChannels.route(observation.feedId(), observation.routeId());
            Forwarding.forward(context, record, List.of(
                    new Routed.Live(channel, summary, CloudEvents.headers(entity + "-" + at, TripUpdateRoute.CE_SOURCE, "transit.route-summary",
                            summary.updatedAt(), entity, at)),
                    new Routed.State(entity, new StateRecord(entity, List.of(channel.name()), at, summary.updatedAt(),
                            Json.MAPPER.valueToTree(summary)))));
        }
    }

    private RouteSummary summarize(RouteObservation observation, int vehiclesInService, Map<String, TripDelay> trips) {
        Double mean = null;
        Double onTime = null;
        if (!trips.isEmpty()) {
            long earliest = settings.onTimeEarliest().toSeconds();
            long latest = settings.onTimeLatest().toSeconds();
            double total = 0;
            int punctual = 0;
            for (TripDelay trip : trips.values()) {
                total += trip.delaySeconds();
                punctual += trip.delaySeconds() >= earliest && trip.delaySeconds() <= latest ? 1 : 0;
            }
            mean = Math.round(total / trips.size() * 10) / 10.0;
            onTime = Math.round((double) punctual / trips.size() * 1000) / 1000.0;
        }
        ScheduleRefs.RouteRef route = schedule.route(observation.feedId(), observation.routeId());
        return new RouteSummary(observation.feedId(), observation.routeId(), route == null ? null : route.shortName(), vehiclesInService,
                trips.size(), mean, onTime, observation.observedAt());
    }

    private boolean meanMoved(Double before, Double now) {
        if (before == null || now == null) {
            return before != now;
        }
        return Math.abs(now - before) >= settings.delayThreshold().toSeconds();
    }
}
