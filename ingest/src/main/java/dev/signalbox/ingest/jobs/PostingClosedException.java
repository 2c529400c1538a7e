package dev.signalbox.ingest.jobs;

/** A closed posting is history: it cannot be revised (post a new one instead). */
class PostingClosedException extends RuntimeException {

    PostingClosedException(Long id) {
        super("job posting " + id + " is closed and cannot be changed");
    }
}
