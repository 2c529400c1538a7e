package dev.signalbox.ingest.cdc;

/** The database cannot be captured as configured; {@link #action()} says how to fix it. */
final class CaptureNotPossibleException extends RuntimeException {

    private final String action;

    CaptureNotPossibleException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    String action() {
        return action;
    }
}
