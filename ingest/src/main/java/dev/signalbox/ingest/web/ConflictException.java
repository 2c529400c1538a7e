package dev.signalbox.ingest.web;

/** A valid request the current state refuses (a closed posting revised, an illegal transition): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
