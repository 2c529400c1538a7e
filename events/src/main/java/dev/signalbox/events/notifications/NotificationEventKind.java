package dev.signalbox.events.notifications;

import java.util.Locale;

/** The kinds of notification event; the wire name is {@code notifications.<kind>}. */
public enum NotificationEventKind {
    CREATED, UPDATED, WITHDRAWN;

    public String wireName() {
        return "notifications." + name().toLowerCase(Locale.ROOT);
    }
}
