package dev.signalbox.ingest.jobs;

/** A request body field that names something that does not exist: the request is invalid (400). */
class UnknownReferenceException extends RuntimeException {

    private final String field;

    UnknownReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
