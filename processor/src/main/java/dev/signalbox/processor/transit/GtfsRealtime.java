package dev.signalbox.processor.transit;

import java.time.Instant;

import com.google.transit.realtime.GtfsRealtime.TranslatedString;

/** What the routes need of GTFS-Realtime's messages beyond their own getters. */
final class GtfsRealtime {

    private GtfsRealtime() {
    }

    /** A POSIX time in seconds; 0 means "not given", as absent does. */
    static Instant seconds(boolean given, long seconds) {
        return !given || seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }

    /**
     * A GTFS-Realtime float (coordinates, bearing, speed) as the decimal the feed meant: 52.52, not
     * the 52.52000045776367 a widening cast gives.
     */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** The first translation of a TranslatedString, preferring one without a language or in English. */
    static String translated(TranslatedString translatedString) {
        String first = null;
        for (TranslatedString.Translation translation : translatedString.getTranslationList()) {
            String language = translation.getLanguage();
            String value = translation.hasText() ? translation.getText() : null;
            if (language.isEmpty() || language.startsWith("en")) {
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
