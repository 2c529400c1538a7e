package dev.signalbox.events.jobs;

/** The kinds of job-board event; the wire name is {@code jobs.<kind>}. */
public enum JobEventKind {
    POSTED, UPDATED, CLOSED;

    public String wireName() {
        return "jobs." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
