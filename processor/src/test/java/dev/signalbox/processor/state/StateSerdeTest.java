package dev.signalbox.processor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.signalbox.events.JsonSerde;

class StateSerdeTest {

    enum Kind { TRIP_DELAY, VEHICLE_SEEN }

    record Inner(String name, Double share, Instant at) {
    }

    record Everything(String text, int count, Integer maybe, long big, Long maybeBig, double ratio, Double maybeRatio, boolean flag,
            Boolean maybeFlag, Instant at, Kind kind, Inner inner) {
    }

    record Before(String feedId, int count) {
    }

    record After(String feedId, int count, Integer added, long addedPrimitive, Inner addedRecord) {
    }

    record Renamed(String feed, int count) {
    }

    record Retyped(String feedId, long count) {
    }

    record Unsupported(List<String> names) {
    }

    record Counted(String name, int[] values) {
    }

    record Named(String[] names) {
    }

    private static <T extends Record> T roundTrip(Class<T> type, T value) {
        StateSerde<T> serde = new StateSerde<>(type);
        return serde.deserializer().deserialize("topic", serde.serializer().serialize("topic", value));
    }

    @Test
    void everyComponentTypeComesBackAsItWent() {
        Everything full = new Everything("Hauptbahnhof ümlaut 🚆 \u001f sep", -42, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                -0.1, Double.NaN, true, false, Instant.parse("2026-12-02T03:04:05.123456789Z"), Kind.VEHICLE_SEEN,
                new Inner("inner", 0.875, Instant.parse("1969-12-31T23:59:59.999Z")));
        assertThat(roundTrip(Everything.class, full)).isEqualTo(full);

        Everything empty = new Everything("", 0, null, 0, null, 0, null, false, null, null, null, null);
        assertThat(roundTrip(Everything.class, empty)).isEqualTo(empty);
    }

    @Test
    void anIntArrayComesBackWithItsValuesInOrder() {
        int[] values = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 300, -300};
        assertThat(roundTrip(Counted.class, new Counted("run", values)).values()).containsExactly(values);
        assertThat(roundTrip(Counted.class, new Counted("empty", new int[0])).values()).isEmpty();
        assertThat(roundTrip(Counted.class, new Counted("none", null)).values()).isNull();
    }

    @Test
    void aStringArrayComesBackWithItsStringsAndNullsInOrder() {
        String[] names = {"S1", "", null, "Hauptbahnhof ümlaut 🚆", "S1"};
        assertThat(roundTrip(Named.class, new Named(names)).names()).containsExactly(names);
        assertThat(roundTrip(Named.class, new Named(new String[0])).names()).isEmpty();
        assertThat(roundTrip(Named.class, new Named(null)).names()).isNull();
    }

    @Test
    void nullStaysNullAndTheValueIsSmallerThanItsJson() {
        StateSerde<Inner> serde = new StateSerde<>(Inner.class);
        assertThat(serde.serializer().serialize("topic", null)).isNull();
        assertThat(serde.deserializer().deserialize("topic", null)).isNull();

        Inner value = new Inner("Stop 12", 0.5, Instant.parse("2026-12-02T03:04:05Z"));
        byte[] binary = serde.serializer().serialize("topic", value);
        byte[] json = new JsonSerde<>(Inner.class).serializer().serialize("topic", value);
        assertThat(binary[0]).isEqualTo(StateSerde.FORMAT);
        assertThat(binary.length).isLessThan(json.length);
    }

    @Test
    void valuesWrittenAsJsonByEarlierVersionsAreStillRead() {
        Everything value = new Everything("old", 1, 2, 3, 4L, 5.5, null, true, null, Instant.parse("2026-11-24T10:00:00Z"), Kind.TRIP_DELAY,
                new Inner("i", null, null));
        byte[] json = new JsonSerde<>(Everything.class).serializer().serialize("topic", value);
        assertThat(new StateSerde<>(Everything.class).deserializer().deserialize("topic", json)).isEqualTo(value);
    }

    @Test
    void aRecordThatGainedComponentsReadsThemAsNullOrZero() {
        byte[] old = new StateSerde<>(Before.class).serializer().serialize("topic", new Before("bench", 7));
        assertThat(new StateSerde<>(After.class).deserializer().deserialize("topic", old)).isEqualTo(new After("bench", 7, null, 0, null));
    }

    @Test
    void aRecordWhoseComponentsChangedOtherwiseRefusesOlderValuesSayingWhyRatherThanMisreadingThem() {
        byte[] newer = new StateSerde<>(After.class).serializer().serialize("topic",
                new After("bench", 7, 8, 9, new Inner("gone", 1.0, Instant.EPOCH)));
        assertThatThrownBy(() -> new StateSerde<>(Before.class).deserializer().deserialize("changelog", newer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Before had other components");
        byte[] before = new StateSerde<>(Before.class).serializer().serialize("topic", new Before("bench", 7));
        for (Class<? extends Record> changed : List.of(Renamed.class, Retyped.class)) {
            assertThatThrownBy(() -> new StateSerde<>(changed).deserializer().deserialize("changelog", before))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("reset its stores");
        }
    }

    @Test
    void unreadableBytesAreASerializationErrorThatNamesTheTypeAndTopic() {
        StateSerde<Before> serde = new StateSerde<>(Before.class);
        byte[] valid = serde.serializer().serialize("topic", new Before("bench", 7));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Before").hasMessageContaining("changelog");
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {42, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format 42");
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", trailing))
                .isInstanceOf(SerializationException.class).hasMessageContaining("after the value");
        // A boolean where the record has an int: the last component's tag (INT, then one byte) made TRUE.
        byte[] wrongTag = java.util.Arrays.copyOf(valid, valid.length - 1);
        wrongTag[wrongTag.length - 1] = 6;
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", wrongTag))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Before.count is a int, the value holds a Boolean");
    }

    @Test
    void aRecordWithAComponentTheFormatCannotHoldIsRefusedWhenTheSerdeIsMade() {
        assertThatThrownBy(() -> new StateSerde<>(Unsupported.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported.names");
    }
}
