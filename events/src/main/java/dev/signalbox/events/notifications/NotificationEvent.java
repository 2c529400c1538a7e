package dev.signalbox.events.notifications;

import java.time.Instant;

/**
 * A notification as its audience sees it, on {@code notifications.all} or the private
 * {@code notifications.user.<userId>}.
 *
 * @param kind       what happened to it, also the CloudEvents type
 * @param severity   {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param occurredAt when the change was committed in the source database
 * @param sourceLsn  the database log position of the change
 */
public record NotificationEvent(
        NotificationEventKind kind,
        long notificationId,
        String title,
        String body,
        String link,
        String severity,
        Instant createdAt,
        Instant occurredAt,
        long sourceLsn) {
}
