package dev.signalbox.events.sports;

import java.time.Instant;

/**
 * A change on a match's channels: the scoreboard after it, and the moment it was about, if any.
 *
 * @param moment     the added, corrected or removed moment; null for changes of the match itself
 * @param occurredAt when the change was committed in the source database
 * @param sourceLsn  the database log position of the change
 */
public record SportsEvent(SportsEventKind kind, Scoreboard scoreboard, Scoreboard.Moment moment, Instant occurredAt, long sourceLsn) {
}
