package dev.signalbox.processor.transit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.events.transit.StopPrediction;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.routing.Routed;
import dev.signalbox.processor.state.StateSerde;

/**
 * A trip update → a prediction per stop it names, joined with the schedule (route short name,
 * headsign, stop name, scheduled time), on {@code transit.stop.<stop>}; and the trip's current
 * delay for its route's summary. A stop's prediction goes out only when it is new, its delay moved
 * by at least the threshold, or its schedule relationship changed — not on every poll.
 */
final class TripUpdateRoute implements FeedRouter.Route {

    static final String CE_SOURCE = "/signalbox/processor/transit";
    static final String LAST_PREDICTIONS_STORE = "transit-last-predictions";
    /** How long after its time a stop's last prediction is remembered: trips run late, feeds repeat. */
    private static final Duration REMEMBER = Duration.ofHours(6);
    private static final Logger log = LoggerFactory.getLogger(TripUpdateRoute.class);

    /** The last published prediction of one stop of one trip run (or the last delay of the run sent to its route's summary). */
    record LastPrediction(Integer delaySeconds, String relationship, long publishedAtEpochSecond, long forgetAfterEpochSecond) {
    }

    private final long thresholdSeconds;
    private final long summaryRefreshSeconds;
    private Schedule schedule;
    private KeyValueStore<String, LastPrediction> lastPredictions;

    TripUpdateRoute(ProcessorProperties.Transit settings) {
        this.thresholdSeconds = settings.delayThreshold().toSeconds();
        // Often enough that a trip whose delay holds steady stays within the summary's window.
        this.summaryRefreshSeconds = settings.activityWindow().toSeconds() / 2;
    }

    static StoreBuilder<KeyValueStore<String, LastPrediction>> storeBuilder() {
        // Cached: a feed names the same stops poll after poll; only the last write per commit needs the changelog.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_PREDICTIONS_STORE), Serdes.String(),
                new StateSerde<>(LastPrediction.class)).withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context, Schedule schedule) {
        this.schedule = schedule;
        this.lastPredictions = context.getStateStore(LAST_PREDICTIONS_STORE);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, now -> forgetPastRuns(now / 1000));
    }

    @Override
    public List<Routed> route(FeedEntity feed) {
        if (feed.removed()) {
            // A trip update that left the feed: its stops' last predictions stand until they pass.
            return List.of();
        }
        if (!feed.entity().hasTripUpdate()) {
            throw new IllegalArgumentException("entity " + feed.entityId() + " has no tripUpdate");
        }
        TripUpdate update = feed.entity().getTripUpdate();
        TripDescriptor trip = update.getTrip();
        String tripId = trip.hasTripId() ? trip.getTripId() : null;
        if (tripId == null) {
            throw new IllegalArgumentException("trip update " + feed.entityId() + " names no trip");
        }
        String feedId = feed.feedId();
        ScheduleRefs.TripRef tripRef = schedule.trip(feedId, tripId);
        String routeId = trip.hasRouteId() ? trip.getRouteId() : tripRef == null ? "" : tripRef.routeId();
        routeId = routeId.isEmpty() ? null : routeId;
        ScheduleRefs.RouteRef route = schedule.route(feedId, routeId);
        String startDate = trip.hasStartDate() ? trip.getStartDate() : schedule.serviceDate(feedId, feed.headerTime());
        String vehicleId = update.hasVehicle() && update.getVehicle().hasId() ? update.getVehicle().getId() : null;

        List<Routed> results = new ArrayList<>();
        Integer tripDelay = update.hasDelay() ? update.getDelay() : null;
        for (TripUpdate.StopTimeUpdate stopUpdate : update.getStopTimeUpdateList()) {
            Integer sequence = stopUpdate.hasStopSequence() ? stopUpdate.getStopSequence() : null;
            String stopId = stopUpdate.hasStopId() ? stopUpdate.getStopId() : null;
            ScheduleRefs.ScheduledStop scheduled = schedule.stopTime(feedId, tripId, sequence, stopId);
            if (scheduled != null) {
                stopId = stopId == null ? scheduled.stopId() : stopId;
                sequence = sequence == null ? scheduled.stopSequence() : sequence;
            }
            if (stopId == null || sequence == null) {
                log.debug("Trip {} of feed {}: a stop time update neither the feed nor the schedule places", tripId, feedId);
                continue;
            }
            String relationship = stopUpdate.hasScheduleRelationship() ? stopUpdate.getScheduleRelationship().name() : "SCHEDULED";
            boolean arrival = stopUpdate.hasArrival();
            TripUpdate.StopTimeEvent event = arrival ? stopUpdate.getArrival() : stopUpdate.getDeparture();
            Integer scheduledSeconds = scheduled == null ? null
                    : arrival ? Objects.requireNonNullElse(scheduled.arrivalSeconds(), scheduled.departureSeconds())
                    : Objects.requireNonNullElse(scheduled.departureSeconds(), scheduled.arrivalSeconds());
            Instant scheduledAt = scheduledSeconds == null ? null : schedule.serviceTime(feedId, startDate, scheduledSeconds);
            Instant time = GtfsRealtime.seconds(event.hasTime(), event.getTime());
            Integer delay = event.hasDelay() ? event.getDelay() : null;
            if (delay == null && time != null && scheduledAt != null) {
                delay = (int) (time.getEpochSecond() - scheduledAt.getEpochSecond());
            }
            Instant predicted = time != null ? time : scheduledAt != null && delay != null ? scheduledAt.plusSeconds(delay) : null;
            if (tripDelay == null && delay != null) {
                tripDelay = delay;
            }
            if (!isNews(feedId, tripId, startDate, sequence, delay, relationship, predicted == null ? feed.headerTime() : predicted)) {
                continue;
            }
            ScheduleRefs.StopRef stop = schedule.stop(feedId, stopId);
            StopPrediction prediction = new StopPrediction(feedId, tripId, routeId, route == null ? null : route.shortName(),
                    tripRef == null ? null : tripRef.headsign(), stopId, stop == null ? null : stop.name(), sequence, scheduledAt, predicted,
                    delay, relationship, vehicleId, feed.headerTime());
            String id = "prediction-" + feedId + ":" + tripId + ":" + startDate + ":" + sequence + "-" + feed.headerTime().getEpochSecond();
            results.add(new Routed.Live(TransitChannels.stop(feedId, stopId), prediction,
                    CloudEvents.headers(id, CE_SOURCE, "transit.prediction", feed.headerTime())));
        }
        if (routeId != null && tripDelay != null && tripDelayIsNews(feedId, tripId, startDate, tripDelay, feed.headerTime())) {
            RouteObservation observation = new RouteObservation(feedId, routeId, RouteObservation.Kind.TRIP_DELAY, tripId, tripDelay,
                    feed.headerTime());
            results.add(new Routed.Forward(observation.routeKey(), observation));
        }
        return results;
    }

    /** True, and remembered, when this prediction differs enough from the last one published for the stop. */
    private boolean isNews(String feedId, String tripId, String startDate, int sequence, Integer delay, String relationship, Instant at) {
        String key = Schedule.key(feedId, tripId + '\u001f' + startDate + '\u001f' + sequence);
        LastPrediction last = lastPredictions.get(key);
        boolean news = last == null
                || !last.relationship().equals(relationship)
                || (delay == null) != (last.delaySeconds() == null)
                || (delay != null && Math.abs(delay - last.delaySeconds()) >= thresholdSeconds);
        if (news) {
            lastPredictions.put(key, new LastPrediction(delay, relationship, at.getEpochSecond(), at.plus(REMEMBER).getEpochSecond()));
        }
        return news;
    }

    /** True, and remembered, when the run's delay changed since it was last sent to the route summary, or that was long ago. */
    private boolean tripDelayIsNews(String feedId, String tripId, String startDate, int delay, Instant at) {
        String key = Schedule.key(feedId, tripId + '\u001f' + startDate);
        LastPrediction last = lastPredictions.get(key);
        boolean news = last == null || last.delaySeconds() == null || last.delaySeconds() != delay
                || at.getEpochSecond() - last.publishedAtEpochSecond() >= summaryRefreshSeconds;
        if (news) {
            lastPredictions.put(key, new LastPrediction(delay, "TRIP", at.getEpochSecond(), at.plus(REMEMBER).getEpochSecond()));
        }
        return news;
    }

    private void forgetPastRuns(long nowEpochSecond) {
        List<String> past = new ArrayList<>();
        try (KeyValueIterator<String, LastPrediction> all = lastPredictions.all()) {
            while (all.hasNext()) {
                KeyValue<String, LastPrediction> entry = all.next();
                if (entry.value.forgetAfterEpochSecond() < nowEpochSecond) {
                    past.add(entry.key);
                }
            }
        }
        past.forEach(lastPredictions::delete);
    }
}
