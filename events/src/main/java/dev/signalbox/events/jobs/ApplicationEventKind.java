package dev.signalbox.events.jobs;

import java.util.Locale;

/** The kinds of application event; the wire name is {@code jobs.application-<kind>}. */
public enum ApplicationEventKind {
    /** The user applied. */
    SUBMITTED,
    /** The status moved (reviewing, interview, offer, hired, rejected, withdrawn). */
    STATUS_CHANGED,
    /** Something else changed, such as the note; the status stayed. */
    UPDATED,
    /** The application was deleted from the write model. */
    REMOVED;

    public String wireName() {
        return "jobs.application-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
