package dev.signalbox.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Values as GTFS writes them, in the COPY text form the tables take, and the ones refused. */
class ColumnTest {

    @Test
    void timesBecomeSecondsAfterTheServiceDayStartsAlsoPastMidnight() {
        Column time = Column.time("arrival_time", "arrival_seconds");
        assertThat(copy(time, "08:05:30")).isEqualTo("29130");
        assertThat(copy(time, "8:05:30")).isEqualTo("29130");
        assertThat(copy(time, "25:10:00")).isEqualTo("90600");
        assertThat(copy(time, "")).isEqualTo("\\N");
        assertThatThrownBy(() -> copy(time, "8:5:30")).isInstanceOf(MalformedRowException.class).hasMessageContaining("arrival_time");
        assertThatThrownBy(() -> copy(time, "08:61:00")).isInstanceOf(MalformedRowException.class);
        assertThatThrownBy(() -> copy(time, "soon")).isInstanceOf(MalformedRowException.class);
    }

    @Test
    void datesNumbersAndFlagsAreCheckedAgainstTheTablesConstraints() {
        assertThat(copy(Column.date("start_date"), "20261201")).isEqualTo("2026-12-01");
        assertThatThrownBy(() -> copy(Column.date("start_date"), "20261301")).isInstanceOf(MalformedRowException.class);
        assertThatThrownBy(() -> copy(Column.integer("direction_id", 0, 1), "2")).hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> copy(Column.integer("route_type", 0, 1999), "bus")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> copy(Column.decimal("stop_lat", -90, 90), "91.5")).hasMessageContaining("outside");
        assertThatThrownBy(() -> copy(Column.decimal("stop_lat", -90, 90), "NaN")).hasMessageContaining("outside");
        assertThat(copy(Column.flag("monday"), "1")).isEqualTo("t");
        assertThat(copy(Column.flag("monday"), "0")).isEqualTo("f");
    }

    @Test
    void requiredFieldsMustBeThereAndDefaultsFillIn() {
        assertThatThrownBy(() -> copy(Column.text("stop_id").required(), "")).hasMessage("missing required field stop_id");
        assertThat(copy(Column.text("agency_id").orElse(""), null)).isEmpty();
    }

    @Test
    void textIsEscapedForCopySoNoValueCanBreakTheRow() {
        assertThat(copy(Column.text("stop_name"), "Main\tSt\\2\nNorth")).isEqualTo("Main\\tSt\\\\2\\nNorth");
    }

    @Test
    void keyHashesHoldAMillionKeysAndTellRepeats() {
        KeyHashes keys = new KeyHashes();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(keys.add(KeyHashes.ofParts(new String[] {"trip-" + (i / 20), Integer.toString(i % 20)}))).isTrue();
        }
        assertThat(keys.add(KeyHashes.ofParts(new String[] {"trip-7", "3"}))).isFalse();
        assertThat(keys.contains(KeyHashes.ofParts(new String[] {"trip-7", "3"}))).isTrue();
        assertThat(KeyHashes.ofParts(new String[] {"ab", "c"})).isNotEqualTo(KeyHashes.ofParts(new String[] {"a", "bc"}));
    }

    private static String copy(Column column, String value) {
        StringBuilder out = new StringBuilder();
        column.appendCopyValue(value, out);
        return out.toString();
    }
}
