package dev.signalbox.processor.capture;

import tools.jackson.databind.JsonNode;

/** Strict field access on a captured row: a missing or mistyped required field is an {@link IllegalArgumentException}. */
public final class Rows {

    private Rows() {
    }

    public static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not text");
        }
        return value.asString();
    }

    public static long number(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a whole number");
        }
        return value.asLong();
    }

    /** An optional text field: null when absent or null. */
    public static String optionalText(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
