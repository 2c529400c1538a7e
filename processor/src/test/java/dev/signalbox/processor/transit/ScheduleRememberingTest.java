package dev.signalbox.processor.transit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import dev.signalbox.processor.state.StateSerde;

/**
 * What a processor remembers of the schedule: served while the schedule does not change, dropped
 * when it does, and started over past its bound, without ever answering from a forgotten entry.
 * The stores are real in-memory stores; the loaders' part (writing a store, then counting the
 * change) is played by the test.
 */
class ScheduleRememberingTest {

    private static final String FEED = "metro";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, ScheduleRefs.RouteRef> routes = store(Schedule.ROUTES_STORE, new StateSerde<>(ScheduleRefs.RouteRef.class));
    private final Schedule.Changes changes = new Schedule.Changes();

    ScheduleRememberingTest() {
        store(Schedule.TIME_ZONES_STORE, Serdes.String());
        store(Schedule.STOPS_STORE, new StateSerde<>(ScheduleRefs.StopRef.class));
        store(Schedule.TRIPS_STORE, new StateSerde<>(ScheduleRefs.TripRef.class));
        store(Schedule.TRIP_STOPS_STORE, new StateSerde<>(ScheduleRefs.TripStops.class));
    }

    @Test
    void aLookupIsRememberedAbsentOrPresentUntilTheScheduleChanges() {
        Schedule schedule = Schedule.of(context, changes);
        routes.put(Schedule.key(FEED, "42"), route("42"));

        assertThat(schedule.route(FEED, "42")).isEqualTo(route("42"));
        assertThat(schedule.route(FEED, "43")).isNull();
        // Written behind the count's back, as no loader does: what was looked up stays remembered.
        routes.put(Schedule.key(FEED, "42"), route("42X"));
        routes.put(Schedule.key(FEED, "43"), route("43"));
        assertThat(schedule.route(FEED, "42")).isEqualTo(route("42"));
        assertThat(schedule.route(FEED, "43")).isNull();

        changes.changed();
        assertThat(schedule.route(FEED, "42")).isEqualTo(route("42X"));
        assertThat(schedule.route(FEED, "43")).isEqualTo(route("43"));
    }

    @Test
    void pastItsBoundItStartsOverAndAnswersFromTheStore() {
        Schedule schedule = Schedule.of(context, changes, 2);
        for (String id : new String[] {"1", "2", "3"}) {
            routes.put(Schedule.key(FEED, id), route(id));
        }
        assertThat(schedule.route(FEED, "1")).isEqualTo(route("1"));
        assertThat(schedule.route(FEED, "2")).isEqualTo(route("2"));
        routes.put(Schedule.key(FEED, "1"), route("1X"));
        assertThat(schedule.route(FEED, "1")).as("remembered, within the bound").isEqualTo(route("1"));

        // A third entry is past the bound: everything remembered is dropped, the new one is read.
        assertThat(schedule.route(FEED, "3")).isEqualTo(route("3"));
        assertThat(schedule.route(FEED, "1")).as("read again after starting over").isEqualTo(route("1X"));
        assertThat(schedule.route(FEED, "2")).isEqualTo(route("2"));
    }

    @Test
    void feedsAreRememberedApart() {
        Schedule schedule = Schedule.of(context, changes);
        routes.put(Schedule.key(FEED, "42"), route("42"));
        routes.put(Schedule.key("other", "42"), route("other 42"));

        assertThat(schedule.route(FEED, "42")).isEqualTo(route("42"));
        assertThat(schedule.route("other", "42")).isEqualTo(route("other 42"));
        assertThat(schedule.route(FEED, "42")).isEqualTo(route("42"));
    }

    private static ScheduleRefs.RouteRef route(String shortName) {
        return new ScheduleRefs.RouteRef(shortName, null, 3);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
                // MockProcessorContext has no changelog to write to.
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
