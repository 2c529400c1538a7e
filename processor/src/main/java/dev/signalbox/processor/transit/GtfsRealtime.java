package dev.signalbox.processor.transit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * Field access on GTFS-Realtime messages in protobuf's JSON mapping, where 64-bit integers (such as
 * {@code time} and {@code timestamp}) are written as strings and absent fields are left out.
 */
final class GtfsRealtime {

    private GtfsRealtime() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        try {
            return Integer.valueOf(value.asString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "' is not a whole number");
        }
    }

    static Long int64(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.valueOf(value.asString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "' is not a whole number");
        }
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isNumber() ? null : value.asDouble();
    }

    /** A POSIX time in seconds (0 and absent mean "not given"). */
    static Instant seconds(JsonNode node, String field) {
        Long seconds = int64(node, field);
        return seconds == null || seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }

    /** The first translation of a TranslatedString, preferring one without a language or in English. */
    static String translated(JsonNode translatedString) {
        JsonNode translations = translatedString.path("translation");
        String first = null;
        for (JsonNode translation : translations) {
            String language = text(translation, "language");
            String value = text(translation, "text");
            if (language == null || language.isEmpty() || language.startsWith("en")) {
                return value;
            }
            if (first == null) {
                first = value;
            }
        }
        return first;
    }

    /** Metres between two points on the Earth (haversine). */
    static double metresBetween(double latitude1, double longitude1, double latitude2, double longitude2) {
        double radius = 6_371_000;
        double dLat = Math.toRadians(latitude2 - latitude1);
        double dLon = Math.toRadians(longitude2 - longitude1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude1)) * Math.cos(Math.toRadians(latitude2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * radius * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
