package dev.signalbox.ingest.web;

/** An id in the request path that names nothing: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, long id) {
        super(what + " " + id + " not found");
    }
}
