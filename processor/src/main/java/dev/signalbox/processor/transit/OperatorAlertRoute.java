package dev.signalbox.processor.transit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.signalbox.events.transit.AlertUpdate;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;
import tools.jackson.databind.JsonNode;

/**
 * An alert an operator wrote in Signalbox ({@code transit_alerts}) → the same alert event as a feed's,
 * on the same channels. Its route and stop ids are those of the configured feed.
 */
final class OperatorAlertRoute implements ChangeRouter.Route {

    private final String feedId;

    OperatorAlertRoute(String feedId) {
        this.feedId = feedId;
    }

    @Override
    public List<Routed> route(CapturedChange change) {
        JsonNode row = change.row();
        long id = Rows.number(row, "id");
        AlertUpdate update = new AlertUpdate(feedId, "operator-" + id, "operator", Rows.text(row, "cause"), Rows.text(row, "effect"),
                Rows.text(row, "header"), Rows.optionalText(row, "description"), instant(row, "active_from"), instant(row, "active_until"),
                texts(row, "route_ids"), texts(row, "stop_ids"), change.isDelete(), change.committedAt());
        return AlertRoute.publish(update, "operator-alert-" + id + "-" + change.lsn(), change.committedAt());
    }

    private static Instant instant(JsonNode row, String field) {
        String text = Rows.optionalText(row, field);
        return text == null ? null : Instant.parse(text);
    }

    private static List<String> texts(JsonNode row, String field) {
        JsonNode array = row.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is not an array");
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return List.copyOf(values);
    }
}
