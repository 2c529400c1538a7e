package dev.signalbox.ingest.jobs;

/** An id in the request path that names nothing. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what, long id) {
        super(what + " " + id + " not found");
    }
}
