package dev.signalbox.processor.transit;

import static dev.signalbox.processor.transit.ScheduleRefs.INTS_PER_STOP;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * by at least the threshold, or its schedule relationship changed — not on every poll; the trip's
 * delay goes to the summary by a like rule ({@link PublishedRun#tripDelayIsNews}).
 *
 * <p>What was last published of a trip run is one store entry ({@link TripRun}), read once and
 * written at most once per trip update, whatever the number of stops it names.
 */
final class TripUpdateRoute implements FeedRouter.Route {

    static final String CE_SOURCE = "/signalbox/processor/transit";
    static final String TRIP_RUNS_STORE = "transit-trip-runs";
    /** How long after its time a stop's last prediction is remembered: trips run late, feeds repeat. */
    private static final Duration REMEMBER = Duration.ofHours(6);
    private static final Logger log = LoggerFactory.getLogger(TripUpdateRoute.class);

    /**
     * What was last published of one run of a trip (a trip on a service date).
     *
     * @param stops                    the last prediction published for each stop, in stop sequence order, as three ints a
     *                                 stop: its stop sequence, the delay in seconds ({@link #NO_DELAY} for none), and its
     *                                 schedule relationship's GTFS-Realtime number. Packed, not a list of records: the run is
     *                                 read and written on every trip update, which took 12 % of the transit stream thread's
     *                                 samples with a list of records and 8 % packed.
     * @param summaryDelaySeconds      the delay last sent to the route's summary, or null
     * @param summarySentAtEpochSecond when it was sent (feed time)
     * @param forgetAfterEpochSecond   when the run is forgotten: six hours past its latest time
     */
    record TripRun(int[] stops, Integer summaryDelaySeconds, long summarySentAtEpochSecond, long forgetAfterEpochSecond) {
    }

    /** A stop published without a delay. */
    static final int NO_DELAY = Integer.MIN_VALUE;

    private final long thresholdSeconds;
    private final long summaryRefreshSeconds;
    private final ProcessorProperties.Transit settings;
    private Schedule schedule;
    private KeyValueStore<String, TripRun> tripRuns;
    private ZoneId lastServiceDayZone;
    private String lastServiceDate;
    private Instant lastServiceDayStart;

    TripUpdateRoute(ProcessorProperties.Transit settings) {
        this.thresholdSeconds = settings.delayThreshold().toSeconds();
        // Often enough that a trip whose delay holds steady stays within the summary's window.
        this.summaryRefreshSeconds = settings.activityWindow().toSeconds() / 2;
        this.settings = settings;
    }

    static StoreBuilder<KeyValueStore<String, TripRun>> storeBuilder() {
        // In memory, restored from its changelog: one small entry per trip run in service (runs are
        // forgotten six hours after their last time). Not cached: a run is written at most once per
        // trip update, and a feed does not update one run twice within a commit interval, so a cache
        // would merge no writes and only add its own bookkeeping to every read and write.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TRIP_RUNS_STORE), Serdes.String(), new StateSerde<>(TripRun.class))
                .withCachingDisabled();
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context, Schedule schedule) {
        this.schedule = schedule;
        this.tripRuns = context.getStateStore(TRIP_RUNS_STORE);
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
        ScheduleRefs.TripStops tripStops = schedule.tripStops(feedId, tripId);
        String routeId = trip.hasRouteId() ? trip.getRouteId() : tripRef == null ? "" : tripRef.routeId();
        routeId = routeId.isEmpty() ? null : routeId;
        ScheduleRefs.RouteRef route = schedule.route(feedId, routeId);
        ZoneId zone = schedule.zone(feedId);
        String startDate = trip.hasStartDate() ? trip.getStartDate() : Schedule.serviceDate(zone, feed.headerTime());
        Instant serviceDayStart = null; // worked out for the first stop the schedule times
        String vehicleId = update.hasVehicle() && update.getVehicle().hasId() ? update.getVehicle().getId() : null;

        String runKey = Schedule.key(feedId, tripId + '\u001f' + startDate);
        PublishedRun run = new PublishedRun(tripRuns.get(runKey));
        List<Routed> results = new ArrayList<>();
        Integer tripDelay = update.hasDelay() ? update.getDelay() : null;
        for (TripUpdate.StopTimeUpdate stopUpdate : update.getStopTimeUpdateList()) {
            Integer sequence = stopUpdate.hasStopSequence() ? stopUpdate.getStopSequence() : null;
            String stopId = stopUpdate.hasStopId() ? stopUpdate.getStopId() : null;
            // The scheduled stop by sequence if given, else by stop id.
            int scheduled = tripStops == null ? -1
                    : sequence != null ? tripStops.indexOfSequence(sequence)
                    : stopId != null ? tripStops.indexOfStop(stopId) : -1;
            if (scheduled >= 0) {
                stopId = stopId == null ? tripStops.stopId(scheduled) : stopId;
                sequence = sequence == null ? tripStops.sequence(scheduled) : sequence;
            }
            if (stopId == null || sequence == null) {
                log.debug("Trip {} of feed {}: a stop time update neither the feed nor the schedule places", tripId, feedId);
                continue;
            }
            TripUpdate.StopTimeUpdate.ScheduleRelationship relationship = stopUpdate.getScheduleRelationship(); // SCHEDULED when not given
            boolean arrival = stopUpdate.hasArrival();
            TripUpdate.StopTimeEvent event = arrival ? stopUpdate.getArrival() : stopUpdate.getDeparture();
            int scheduledSeconds = scheduled < 0 ? ScheduleRefs.TripStops.NO_TIME
                    : arrival ? tripStops.arrivalElseDeparture(scheduled) : tripStops.departureElseArrival(scheduled);
            if (scheduledSeconds != ScheduleRefs.TripStops.NO_TIME && serviceDayStart == null) {
                serviceDayStart = serviceDayStart(zone, startDate);
            }
            Instant scheduledAt = scheduledSeconds == ScheduleRefs.TripStops.NO_TIME ? null : serviceDayStart.plusSeconds(scheduledSeconds);
            Instant time = GtfsRealtime.seconds(event.hasTime(), event.getTime());
            Integer delay = event.hasDelay() ? event.getDelay() : null;
            if (delay == null && time != null && scheduledAt != null) {
                delay = (int) (time.getEpochSecond() - scheduledAt.getEpochSecond());
            }
            Instant predicted = time != null ? time : scheduledAt != null && delay != null ? scheduledAt.plusSeconds(delay) : null;
            if (tripDelay == null && delay != null) {
                tripDelay = delay;
            }
            if (!run.stopIsNews(sequence, delay, relationship.getNumber(), predicted == null ? feed.headerTime() : predicted)) {
                continue;
            }
            ScheduleRefs.StopRef stop = schedule.stop(feedId, stopId);
            StopPrediction prediction = new StopPrediction(feedId, tripId, routeId, route == null ? null : route.shortName(),
                    tripRef == null ? null : tripRef.headsign(), stopId, stop == null ? null : stop.name(), sequence, scheduledAt, predicted,
                    delay, relationship.name(), vehicleId, feed.headerTime());
            String id = "prediction-" + feedId + ":" + tripId + ":" + startDate + ":" + sequence + "-" + feed.headerTime().getEpochSecond();
            results.add(new Routed.Live(TransitChannels.stop(feedId, stopId), prediction,
                    CloudEvents.headers(id, CE_SOURCE, "transit.prediction", feed.headerTime())));
        }
        if (routeId != null && tripDelay != null && run.tripDelayIsNews(tripDelay, feed.headerTime())) {
            RouteObservation observation = new RouteObservation(feedId, routeId, RouteObservation.Kind.TRIP_DELAY, tripId, tripDelay,
                    feed.headerTime());
            results.add(new Routed.Forward(observation.routeKey(), observation));
        }
        if (run.changed) {
            tripRuns.put(runKey, run.toTripRun());
        }
        return results;
    }

    /** {@link Schedule#serviceDayStart}, worked out once while trip updates keep naming the same day (nearly all do). */
    private Instant serviceDayStart(ZoneId zone, String startDate) {
        if (!zone.equals(lastServiceDayZone) || !startDate.equals(lastServiceDate)) {
            lastServiceDayStart = Schedule.serviceDayStart(zone, startDate);
            lastServiceDayZone = zone;
            lastServiceDate = startDate;
        }
        return lastServiceDayStart;
    }

    /** One trip run's published state while a trip update is routed: changed in place, stored once at the end. */
    private final class PublishedRun {

        /** As {@link TripRun#stops}, the first {@code size} stops in use. */
        private int[] stops;
        private int size;
        private Integer summaryDelaySeconds;
        private long summarySentAtEpochSecond;
        private long forgetAfterEpochSecond;
        boolean changed;

        PublishedRun(TripRun stored) {
            if (stored == null || stored.stops() == null) {
                stops = new int[4 * INTS_PER_STOP];
            } else {
                stops = stored.stops();
                size = stops.length / INTS_PER_STOP;
            }
            if (stored != null) {
                summaryDelaySeconds = stored.summaryDelaySeconds();
                summarySentAtEpochSecond = stored.summarySentAtEpochSecond();
                forgetAfterEpochSecond = stored.forgetAfterEpochSecond();
            }
        }

        /** True, and remembered, when this prediction differs enough from the last one published for the stop. */
        boolean stopIsNews(int sequence, Integer delay, int relationship, Instant at) {
            int index = indexOf(sequence);
            int published = delay == null ? NO_DELAY : delay;
            if (index >= 0) {
                int lastDelay = stops[index * INTS_PER_STOP + 1];
                boolean news = stops[index * INTS_PER_STOP + 2] != relationship
                        || (published == NO_DELAY) != (lastDelay == NO_DELAY)
                        || (published != NO_DELAY && Math.abs((long) published - lastDelay) >= thresholdSeconds);
                if (!news) {
                    return false;
                }
            } else {
                index = -index - 1;
                if ((size + 1) * INTS_PER_STOP > stops.length) {
                    stops = Arrays.copyOf(stops, Math.max(stops.length * 2, (size + 1) * INTS_PER_STOP));
                }
                System.arraycopy(stops, index * INTS_PER_STOP, stops, (index + 1) * INTS_PER_STOP, (size - index) * INTS_PER_STOP);
                size++;
                stops[index * INTS_PER_STOP] = sequence;
            }
            stops[index * INTS_PER_STOP + 1] = published;
            stops[index * INTS_PER_STOP + 2] = relationship;
            remember(at);
            return true;
        }

        /**
         * True, and remembered, when the run's delay is news for its route's summary: never sent, moved by at
         * least the threshold or across the on-time bounds since last sent, or last sent long ago (the run
         * stays within the summary's window). Not every change: the summary counts each run's delay as last
         * sent, so its mean is within the threshold of the runs' own (and is published only when it moved by
         * the threshold), and its share on time is exact. Sending every poll's delay was one repartition
         * record, one changelog record and one summary update per trip update.
         */
        boolean tripDelayIsNews(int delay, Instant at) {
            boolean news = summaryDelaySeconds == null
                    || Math.abs((long) delay - summaryDelaySeconds) >= thresholdSeconds
                    || settings.onTime(delay) != settings.onTime(summaryDelaySeconds)
                    || at.getEpochSecond() - summarySentAtEpochSecond >= summaryRefreshSeconds;
            if (news) {
                summaryDelaySeconds = delay;
                summarySentAtEpochSecond = at.getEpochSecond();
                remember(at);
            }
            return news;
        }

        TripRun toTripRun() {
            return new TripRun(Arrays.copyOf(stops, size * INTS_PER_STOP), summaryDelaySeconds, summarySentAtEpochSecond, forgetAfterEpochSecond);
        }

        private void remember(Instant at) {
            forgetAfterEpochSecond = Math.max(forgetAfterEpochSecond, at.plus(REMEMBER).getEpochSecond());
            changed = true;
        }

        /** The stop's index (in stops) when published before, or {@code -(insertion point) - 1}. */
        private int indexOf(int sequence) {
            return ScheduleRefs.searchBySequence(stops, size, sequence);
        }
    }

    private void forgetPastRuns(long nowEpochSecond) {
        List<String> past = new ArrayList<>();
        try (KeyValueIterator<String, TripRun> all = tripRuns.all()) {
            while (all.hasNext()) {
                KeyValue<String, TripRun> entry = all.next();
                if (entry.value.forgetAfterEpochSecond() < nowEpochSecond) {
                    past.add(entry.key);
                }
            }
        }
        past.forEach(tripRuns::delete);
    }
}
