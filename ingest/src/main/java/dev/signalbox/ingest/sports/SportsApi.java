package dev.signalbox.ingest.sports;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The request and response bodies of the sports write API. */
final class SportsApi {

    private SportsApi() {
    }

    record NewLeague(@NotBlank @Size(max = 200) String name) {
    }

    record NewTeam(@NotBlank @Size(max = 200) String name) {
    }

    record Created(long id) {
    }

    record NewMatch(@NotNull @Positive Long homeTeamId, @NotNull @Positive Long awayTeamId, @NotNull Instant startsAt) {
    }

    record MatchState(@NotNull Match.Status status, @PositiveOrZero @Max(10) int period, @PositiveOrZero @Max(36_000) int clockSeconds) {
    }

    record NewMatchEvent(
            @NotNull MatchEvent.Type type,
            @PositiveOrZero @Max(200) int minute,
            @Positive Long teamId,
            @Size(max = 200) String player,
            @Size(max = 20) Map<String, Object> detail) {
    }

    record MatchView(long id, long leagueId, long homeTeamId, long awayTeamId, Instant startsAt, String status,
            int homeScore, int awayScore, int period, int clockSeconds) {

        static MatchView of(Match match) {
            return new MatchView(match.getId(), match.getLeague().getId(), match.getHomeTeam().getId(), match.getAwayTeam().getId(),
                    match.getStartsAt(), match.getStatus().name(), match.getHomeScore(), match.getAwayScore(), match.getPeriod(),
                    match.getClockSeconds());
        }
    }
}
