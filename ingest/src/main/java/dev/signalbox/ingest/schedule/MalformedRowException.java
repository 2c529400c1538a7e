package dev.signalbox.ingest.schedule;

/** A row the import refuses, with the reason; the import reports it and loads the rest. */
final class MalformedRowException extends RuntimeException {

    MalformedRowException(String reason) {
        super(reason, null, false, false);
    }
}
