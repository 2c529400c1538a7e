package dev.signalbox.events.sports;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One match as a scoreboard shows it, after every change to the match or its events.
 *
 * @param leagueId     0 while only the match's events are known, not the match itself
 * @param status       {@code SCHEDULED}, {@code IN_PLAY}, {@code PAUSED}, {@code FINISHED}, {@code POSTPONED} or {@code CANCELLED}
 * @param clockSeconds the match clock
 * @param lastEvents   the newest moments, oldest first, at most {@link #LAST_EVENTS}
 * @param version      the source log position of the newest change it reflects
 */
public record Scoreboard(
        long matchId,
        long leagueId,
        String leagueName,
        Side home,
        Side away,
        String status,
        int period,
        int clockSeconds,
        Instant startsAt,
        List<Moment> lastEvents,
        Instant updatedAt,
        long version) {

    public static final int LAST_EVENTS = 10;

    /** One team's side of the match. */
    public record Side(long teamId, String name, int score) {
    }

    /**
     * Something that happened in the match: a goal, an own goal, a penalty, a card, a substitution,
     * a period's start or end.
     */
    public record Moment(long eventId, String type, int minute, Long teamId, String teamName, String player, JsonNode detail) {
    }
}
