package dev.signalbox.ingest.web;

/** A request body field whose value the domain refuses (an unknown id, a team not in the match): 400. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
