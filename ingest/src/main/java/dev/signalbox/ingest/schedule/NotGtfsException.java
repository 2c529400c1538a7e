package dev.signalbox.ingest.schedule;

/** The archive is not a GTFS static feed (not a zip, or without the files GTFS requires). */
public final class NotGtfsException extends RuntimeException {

    NotGtfsException(String message) {
        super(message);
    }
}
