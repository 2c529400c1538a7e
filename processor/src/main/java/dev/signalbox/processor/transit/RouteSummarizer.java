package dev.signalbox.processor.transit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.transit.RouteSummary;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.routing.Forwarding;
import dev.signalbox.processor.routing.Routed;
import dev.signalbox.processor.state.StateSerde;

/**
 * Keeps a summary per route, on the route's partition, as trip delays and vehicle sightings
 * arrive: vehicles in service and trips reporting within the activity window, their mean delay and
 * the share on time. The totals are kept incrementally, one small record per route and one per
 * vehicle or trip, so an observation costs the same on a route with five trips as on one with five
 * hundred. The summary goes out on {@code transit.route.<route>} and to {@code state.transit.routes}
 * only when a count changed or the mean delay moved by at least the delay threshold; members that
 * fell out of the window leave it on a periodic sweep.
 */
final class RouteSummarizer implements Processor<byte[], RouteObservation, byte[], Routed> {

    static final String ACTIVITY_STORE = "transit-route-activity";
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    private static final char SEPARATOR = '\u001f';

    /**
     * One store entry: a route's totals (under the route key) or one member of it (under the
     * route key, a kind and the member's id).
     *
     * @param seenAtMillis for a member, when it was last observed
     */
    record Entry(String feedId, String routeId, Integer delaySeconds, long seenAtMillis, Totals totals) {
    }

    /** A route's running totals, and the summary last published. */
    record Totals(int vehicles, int trips, long delaySum, int onTime, RouteSummary published) {
    }

    private final ProcessorProperties.Transit settings;
    private final Schedule.Changes scheduleChanges;
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, Entry> activity;
    private Schedule schedule;
    /** The newest observation time this task has seen: the feed's "now" for the window. */
    private long latestObservedMillis;

    RouteSummarizer(ProcessorProperties.Transit settings, Schedule.Changes scheduleChanges) {
        this.settings = settings;
        this.scheduleChanges = scheduleChanges;
    }

    static StoreBuilder<KeyValueStore<String, Entry>> storeBuilder() {
        // In memory, restored from its changelog: one small entry per route and per trip or vehicle
        // seen within the activity window. Cached: a route's totals change with most observations;
        // only the last write of each per commit goes to the changelog.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ACTIVITY_STORE), Serdes.String(), new StateSerde<>(Entry.class))
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.activity = context.getStateStore(ACTIVITY_STORE);
        this.schedule = Schedule.of(context, scheduleChanges);
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<byte[], RouteObservation> record) {
        RouteObservation observation = record.value();
        long at = observation.observedAt().toEpochMilli();
        latestObservedMillis = Math.max(latestObservedMillis, at);
        String routeKey = observation.routeKey();
        Totals before = totals(routeKey);
        Totals totals = before;
        switch (observation.kind()) {
            case VEHICLE_SEEN -> {
                String member = member(routeKey, 'v', observation.subjectId());
                if (activity.get(member) == null) {
                    totals = add(totals, 1, 0, 0, 0);
                }
                activity.put(member, new Entry(observation.feedId(), observation.routeId(), null, at, null));
            }
            case VEHICLE_GONE -> {
                String member = member(routeKey, 'v', observation.subjectId());
                if (activity.get(member) != null) {
                    activity.delete(member);
                    totals = add(totals, -1, 0, 0, 0);
                }
            }
            case TRIP_DELAY -> {
                String member = member(routeKey, 't', observation.subjectId());
                Entry previous = activity.get(member);
                if (previous != null) {
                    totals = add(totals, 0, -1, -previous.delaySeconds(), settings.onTime(previous.delaySeconds()) ? -1 : 0);
                }
                int delay = observation.delaySeconds();
                totals = add(totals, 0, 1, delay, settings.onTime(delay) ? 1 : 0);
                activity.put(member, new Entry(observation.feedId(), observation.routeId(), delay, at, null));
            }
        }
        publishIfNews(observation.feedId(), observation.routeId(), routeKey, totals, !totals.equals(before), observation.observedAt(), record);
    }

    /** Members not heard from within the window leave their route's totals. */
    private void sweep() {
        long oldest = latestObservedMillis - settings.activityWindow().toMillis();
        List<KeyValue<String, Entry>> expired = new ArrayList<>();
        try (KeyValueIterator<String, Entry> all = activity.all()) {
            while (all.hasNext()) {
                KeyValue<String, Entry> entry = all.next();
                if (entry.value.totals() == null && entry.value.seenAtMillis() < oldest) {
                    expired.add(entry);
                }
            }
        }
        Map<String, Entry> touched = new HashMap<>();
        for (KeyValue<String, Entry> member : expired) {
            activity.delete(member.key);
            String routeKey = member.key.substring(0, member.key.length() - memberSuffixLength(member.key));
            Totals totals = totals(routeKey);
            totals = member.value.delaySeconds() == null ? add(totals, -1, 0, 0, 0)
                    : add(totals, 0, -1, -member.value.delaySeconds(), settings.onTime(member.value.delaySeconds()) ? -1 : 0);
            activity.put(routeKey, new Entry(member.value.feedId(), member.value.routeId(), null, 0, totals));
            touched.put(routeKey, member.value);
        }
        Instant now = Instant.ofEpochMilli(latestObservedMillis);
        touched.forEach((routeKey, member) -> publishIfNews(member.feedId(), member.routeId(), routeKey, totals(routeKey), false, now,
                new Record<>(new byte[0], (RouteObservation) null, context.currentSystemTimeMs(), new RecordHeaders())));
    }

    /** @param changed whether the totals differ from the stored ones (which are written only then, or when published) */
    private void publishIfNews(String feedId, String routeId, String routeKey, Totals totals, boolean changed, Instant at, Record<?, ?> cause) {
        RouteSummary published = totals.published();
        // The summary's time is its entity version, which only grows, though a route's observations
        // (from trip updates and from vehicles) may arrive slightly out of time order.
        if (published != null && !at.isAfter(published.updatedAt())) {
            at = published.updatedAt().plusMillis(1);
        }
        Double mean = totals.trips() == 0 ? null : Math.round((double) totals.delaySum() / totals.trips() * 10) / 10.0;
        Double share = totals.trips() == 0 ? null : Math.round((double) totals.onTime() / totals.trips() * 1000) / 1000.0;
        boolean news = published == null
                || published.vehiclesInService() != totals.vehicles()
                || published.tripsReporting() != totals.trips()
                || !Objects.equals(published.onTimeShare(), share)
                || meanMoved(published.meanDelaySeconds(), mean);
        if (!news) {
            if (changed) {
                activity.put(routeKey, new Entry(feedId, routeId, null, 0, totals));
            }
            return;
        }
        ScheduleRefs.RouteRef route = schedule.route(feedId, routeId);
        RouteSummary summary = new RouteSummary(feedId, routeId, route == null ? null : route.shortName(), totals.vehicles(), totals.trips(),
                mean, share, at);
        activity.put(routeKey, new Entry(feedId, routeId, null, 0,
                new Totals(totals.vehicles(), totals.trips(), totals.delaySum(), totals.onTime(), summary)));
        String entity = "route-" + feedId + ":" + routeId;
        var channel = TransitChannels.route(feedId, routeId);
        long version = at.toEpochMilli();
        Forwarding.forward(context, cause, List.of(
                new Routed.Live(channel, summary, CloudEvents.headers(entity + "-" + version, TripUpdateRoute.CE_SOURCE,
                        "transit.route-summary", at, entity, version)),
                new Routed.State(entity, new StateRecord(entity, List.of(channel.name()), version, at, Json.MAPPER.valueToTree(summary)))));
    }

    private Totals totals(String routeKey) {
        Entry entry = activity.get(routeKey);
        return entry == null || entry.totals() == null ? new Totals(0, 0, 0, 0, null) : entry.totals();
    }

    private static Totals add(Totals totals, int vehicles, int trips, long delay, int onTime) {
        return new Totals(totals.vehicles() + vehicles, totals.trips() + trips, totals.delaySum() + delay, totals.onTime() + onTime,
                totals.published());
    }

    private boolean meanMoved(Double before, Double now) {
        if (before == null || now == null) {
            return before != now;
        }
        return Math.abs(now - before) >= settings.delayThreshold().toSeconds();
    }

    private static String member(String routeKey, char kind, String id) {
        return routeKey + SEPARATOR + SEPARATOR + kind + SEPARATOR + id;
    }

    /** The length of {@code <sep><sep><kind><sep><id>} at the end of a member key. */
    private static int memberSuffixLength(String memberKey) {
        return memberKey.length() - memberKey.indexOf("" + SEPARATOR + SEPARATOR);
    }
}
