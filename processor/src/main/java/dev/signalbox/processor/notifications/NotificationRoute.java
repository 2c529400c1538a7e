package dev.signalbox.processor.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.signalbox.events.Channel;
import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.notifications.NotificationEvent;
import dev.signalbox.events.notifications.NotificationEventKind;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;
import tools.jackson.databind.JsonNode;

/**
 * A notification change → one event for its audience: {@code notifications.all} for everyone, or
 * the private {@code notifications.user.<userId>} for one user. Nothing else sees a user's notification.
 */
final class NotificationRoute implements ChangeRouter.Route {

    static final String CE_SOURCE = "/signalbox/processor/notifications";
    static final Channel EVERYONE = new Channel("notifications.all");

    @Override
    public List<Routed> route(CapturedChange change) {
        JsonNode row = change.row();
        NotificationEventKind kind = switch (change.op()) {
            case "c", "r" -> NotificationEventKind.CREATED;
            case "d" -> NotificationEventKind.WITHDRAWN;
            default -> NotificationEventKind.UPDATED;
        };
        String createdAt = Rows.optionalText(row, "created_at");
        NotificationEvent event = new NotificationEvent(kind, Rows.number(row, "id"), Rows.text(row, "title"),
                Rows.optionalText(row, "body"), Rows.optionalText(row, "link"), Rows.text(row, "severity"),
                createdAt == null ? null : Instant.parse(createdAt), change.committedAt(), change.lsn());
        String id = "notification-" + event.notificationId() + "-" + event.sourceLsn() + "-" + kind.name().toLowerCase(Locale.ROOT);
        return List.of(new Routed.Live(audience(row), event, CloudEvents.headers(id, CE_SOURCE, kind.wireName(), change.committedAt())));
    }

    private static Channel audience(JsonNode row) {
        String audience = Rows.text(row, "audience");
        return switch (audience) {
            case "EVERYONE" -> EVERYONE;
            case "USER" -> new Channel("notifications.user." + Channel.segment(Rows.text(row, "user_id")));
            default -> throw new IllegalArgumentException("unknown audience '" + audience + "'");
        };
    }
}
