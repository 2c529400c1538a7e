package dev.signalbox.processor.capture;

import java.util.Map;

import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import dev.signalbox.events.Json;
import tools.jackson.databind.JsonNode;

/** Reads the current row of a captured reference table held as a GlobalKTable of Debezium change events. */
public final class GlobalRows {

    private GlobalRows() {
    }

    /** The row with this {@code id} primary key as it is now, or null if it is unknown or deleted. */
    public static JsonNode byId(TimestampedKeyValueStore<String, String> table, long id) {
        // Debezium's JSON key of the row, written the same compact way its converter does.
        return byKey(table, Json.MAPPER.writeValueAsString(Map.of("id", id)));
    }

    /** The row under this record key (the Debezium JSON key), or null if it is unknown or deleted. */
    public static JsonNode byKey(TimestampedKeyValueStore<String, String> table, String key) {
        ValueAndTimestamp<String> change = table.get(key);
        if (change == null || change.value() == null) {
            return null;
        }
        JsonNode after = Json.MAPPER.readTree(change.value()).get("after");
        return after == null || after.isNull() ? null : after;
    }

    /** A text column of the row with this id, or null. */
    public static String text(TimestampedKeyValueStore<String, String> table, long id, String column) {
        JsonNode row = byId(table, id);
        return row == null ? null : row.path(column).asString(null);
    }
}
