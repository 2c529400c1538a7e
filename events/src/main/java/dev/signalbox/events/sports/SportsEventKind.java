package dev.signalbox.events.sports;

import java.util.Locale;

/** The kinds of sports event; the wire name is {@code sports.<kind>}. */
public enum SportsEventKind {
    /** The match changed: score, status, period, clock or teams. */
    SCOREBOARD,
    /** A moment happened (the match's timeline grew). */
    MOMENT_ADDED,
    /** A moment was corrected, such as the minute or the player. */
    MOMENT_CORRECTED,
    /** A moment was taken back, such as a disallowed goal. */
    MOMENT_REMOVED,
    /** The match was deleted from the write model. */
    MATCH_REMOVED;

    public String wireName() {
        return "sports." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
