package dev.signalbox.processor.jobs;

import java.util.List;
import java.util.Objects;

import dev.signalbox.events.Channel;
import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.jobs.ApplicationEvent;
import dev.signalbox.events.jobs.ApplicationEventKind;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;
import tools.jackson.databind.JsonNode;

/** An application change → one event on its user's private {@code jobs.user.<userId>} channel, and nowhere else. */
final class ApplicationRoute implements ChangeRouter.Route {

    @Override
    public List<Routed> route(CapturedChange change) {
        JsonNode row = change.row();
        String status = Rows.text(row, "status");
        String previousStatus = change.before() == null ? null : Rows.optionalText(change.before(), "status");
        ApplicationEventKind kind = switch (change.op()) {
            case "c", "r" -> ApplicationEventKind.SUBMITTED;
            case "d" -> ApplicationEventKind.REMOVED;
            default -> Objects.equals(status, previousStatus) ? ApplicationEventKind.UPDATED : ApplicationEventKind.STATUS_CHANGED;
        };
        ApplicationEvent event = new ApplicationEvent(kind, Rows.number(row, "id"), Rows.number(row, "posting_id"), status,
                kind == ApplicationEventKind.SUBMITTED ? null : previousStatus, Rows.optionalText(row, "note"), change.committedAt(),
                change.lsn());
        Channel channel = userChannel(Rows.text(row, "user_id"));
        String id = "application-" + event.applicationId() + "-" + event.sourceLsn();
        return List.of(new Routed.Live(channel, event,
                CloudEvents.headers(id, PostingRoute.CE_SOURCE, kind.wireName(), change.committedAt())));
    }

    /** The user's private channel; any user id (an email, a UUID) becomes one valid segment. */
    static Channel userChannel(String userId) {
        return new Channel("jobs.user." + Channel.segment(userId));
    }
}
