package dev.signalbox.processor.transit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TripStopsTest {

    private static final int NONE = ScheduleRefs.TripStops.NO_TIME;

    @Test
    void stopsAddedInAnyOrderAreKeptInSequenceOrderAndFoundBySequenceOrStop() {
        ScheduleRefs.TripStops stops = ScheduleRefs.TripStops.with(null, 20, "C", 1200, 1260);
        stops = ScheduleRefs.TripStops.with(stops, 5, "A", null, 300);
        stops = ScheduleRefs.TripStops.with(stops, 10, "B", 600, null);

        assertThat(stops.stopIds()).containsExactly("A", "B", "C");
        assertThat(stops.times()).containsExactly(5, NONE, 300, 10, 600, NONE, 20, 1200, 1260);
        assertThat(stops.indexOfSequence(10)).isEqualTo(1);
        assertThat(stops.indexOfSequence(11)).isEqualTo(-1);
        assertThat(stops.indexOfStop("C")).isEqualTo(2);
        assertThat(stops.indexOfStop("D")).isEqualTo(-1);
        // A time the schedule lacks is taken from the stop's other time.
        assertThat(stops.arrivalElseDeparture(0)).isEqualTo(300);
        assertThat(stops.departureElseArrival(1)).isEqualTo(600);
        assertThat(stops.arrivalElseDeparture(2)).isEqualTo(1200);
        assertThat(stops.departureElseArrival(2)).isEqualTo(1260);
    }

    @Test
    void aStopWithAKnownSequenceReplacesTheOldOneAndTheOldValueIsLeftAsItWas() {
        ScheduleRefs.TripStops before = ScheduleRefs.TripStops.with(ScheduleRefs.TripStops.with(null, 1, "A", 60, 60), 2, "B", 120, 120);
        ScheduleRefs.TripStops after = ScheduleRefs.TripStops.with(before, 2, "B2", 180, null);

        assertThat(after.stopIds()).containsExactly("A", "B2");
        assertThat(after.times()).containsExactly(1, 60, 60, 2, 180, NONE);
        assertThat(before.stopIds()).containsExactly("A", "B");
        assertThat(before.times()).containsExactly(1, 60, 60, 2, 120, 120);
    }

    @Test
    void removingStopsLeavesTheOthersAndTheLastOneLeavesNothing() {
        ScheduleRefs.TripStops stops = ScheduleRefs.TripStops.with(ScheduleRefs.TripStops.with(ScheduleRefs.TripStops.with(null,
                1, "A", 60, 60), 2, "B", 120, 120), 3, "C", 180, 180);

        ScheduleRefs.TripStops withoutMiddle = stops.without(2);
        assertThat(withoutMiddle.stopIds()).containsExactly("A", "C");
        assertThat(withoutMiddle.times()).containsExactly(1, 60, 60, 3, 180, 180);
        assertThat(stops.without(7)).isSameAs(stops);
        assertThat(withoutMiddle.without(1).without(3)).isNull();
    }
}
