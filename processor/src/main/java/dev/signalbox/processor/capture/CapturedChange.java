package dev.signalbox.processor.capture;

import java.time.Instant;

import dev.signalbox.events.Json;
import tools.jackson.databind.JsonNode;

/**
 * One Debezium change event (the JSON envelope without Connect's schema), read strictly: anything
 * that is not a well-formed change throws {@link IllegalArgumentException} with the reason, so the
 * caller can dead-letter it.
 *
 * @param op          {@code c} create, {@code u} update, {@code d} delete, {@code r} snapshot read
 * @param before      the row before the change; null for creates and reads
 * @param after       the row after the change; null for deletes
 * @param committedAt when the source transaction committed ({@code source.ts_ms})
 * @param lsn         the source log position ({@code source.lsn}), equal on a re-delivery of the same change
 */
public record CapturedChange(String op, JsonNode before, JsonNode after, Instant committedAt, long lsn) {

    public static CapturedChange parse(byte[] value) {
        JsonNode change = Json.MAPPER.readTree(value);
        if (change == null || !change.isObject()) {
            throw new IllegalArgumentException("not a change event");
        }
        String op = Rows.text(change, "op");
        JsonNode before = objectOrNull(change.get("before"));
        JsonNode after = objectOrNull(change.get("after"));
        switch (op) {
            case "c", "r" -> require(after != null, op);
            case "u" -> require(after != null, op);
            case "d" -> require(before != null, op);
            default -> throw new IllegalArgumentException("unknown op '" + op + "'");
        }
        JsonNode source = change.get("source");
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException("change has no source block");
        }
        return new CapturedChange(op, before, after, Instant.ofEpochMilli(Rows.number(source, "ts_ms")), source.path("lsn").asLong(-1));
    }

    public boolean isDelete() {
        return "d".equals(op);
    }

    /** The row as it is now, or as it was when deleted. */
    public JsonNode row() {
        return isDelete() ? before : after;
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node == null || !node.isObject() ? null : node;
    }

    private static void require(boolean present, String op) {
        if (!present) {
            throw new IllegalArgumentException("change with op '" + op + "' has no row image");
        }
    }
}
