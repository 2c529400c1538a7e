package dev.signalbox.processor.sports;

import java.util.List;

import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;

/**
 * A readable change of a {@code matches} or {@code match_events} row, on its way to its match's
 * partition (the repartition topic carries it as JSON).
 *
 * @param table {@link SportsTopology#MATCHES} or {@link SportsTopology#MATCH_EVENTS}
 */
record SportsChange(String table, CapturedChange change) {

    long matchId() {
        return Rows.number(change.row(), table.equals(SportsTopology.MATCHES) ? "id" : "match_id");
    }

    /** Reads one table's changes and forwards each under its match id. */
    static ChangeRouter.Route reader(String table) {
        return change -> {
            SportsChange sports = new SportsChange(table, change);
            return List.of(new Routed.Forward(Long.toString(sports.matchId()), sports));
        };
    }
}
