package dev.signalbox.ingest.sports;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.sports.SportsApi.Created;
import dev.signalbox.ingest.sports.SportsApi.MatchState;
import dev.signalbox.ingest.sports.SportsApi.MatchView;
import dev.signalbox.ingest.sports.SportsApi.NewMatch;
import dev.signalbox.ingest.sports.SportsApi.NewMatchEvent;
import dev.signalbox.ingest.web.InvalidFieldException;
import dev.signalbox.ingest.web.NotFoundException;

/** Leagues, teams and matches: the write model behind live scoreboards. */
@Service
@Transactional
class Sports {

    private final LeagueRepository leagues;
    private final TeamRepository teams;
    private final MatchRepository matches;
    private final MatchEventRepository events;
    private final Clock clock = Clock.systemUTC();

    Sports(LeagueRepository leagues, TeamRepository teams, MatchRepository matches, MatchEventRepository events) {
        this.leagues = leagues;
        this.teams = teams;
        this.matches = matches;
        this.events = events;
    }

    Created addLeague(String name) {
        return new Created(leagues.save(new League(name.strip())).getId());
    }

    Created addTeam(long leagueId, String name) {
        League league = leagues.findById(leagueId).orElseThrow(() -> new NotFoundException("league", leagueId));
        return new Created(teams.save(new Team(league, name.strip())).getId());
    }

    MatchView schedule(long leagueId, NewMatch request) {
        League league = leagues.findById(leagueId).orElseThrow(() -> new NotFoundException("league", leagueId));
        Team home = teamOf(league, request.homeTeamId(), "homeTeamId");
        Team away = teamOf(league, request.awayTeamId(), "awayTeamId");
        if (home.getId().equals(away.getId())) {
            throw new InvalidFieldException("awayTeamId", "a team cannot play itself");
        }
        return MatchView.of(matches.save(new Match(league, home, away, request.startsAt(), clock.instant())));
    }

    MatchView setState(long matchId, MatchState state) {
        Match match = match(matchId);
        match.setState(state.status(), state.period(), state.clockSeconds(), clock.instant());
        return MatchView.of(match);
    }

    /** Records what happened; a goal (or own goal) moves the score in the same transaction. */
    MatchView record(long matchId, NewMatchEvent request) {
        Match match = match(matchId);
        match.requireInPlay();
        Team team = null;
        if (request.teamId() != null) {
            team = teams.findById(request.teamId()).orElseThrow(() -> new InvalidFieldException("teamId", "no team with id " + request.teamId()));
            match.isHome(team);
        }
        boolean scores = request.type() == MatchEvent.Type.GOAL || request.type() == MatchEvent.Type.OWN_GOAL;
        if (scores) {
            if (team == null) {
                throw new InvalidFieldException("teamId", "a goal needs the team it is credited to");
            }
            match.score(team, request.type() == MatchEvent.Type.OWN_GOAL, clock.instant());
        }
        String detail = request.detail() == null ? null : Json.MAPPER.writeValueAsString(request.detail());
        events.save(new MatchEvent(match, request.type(), request.minute(), team, request.player(), detail, clock.instant()));
        return MatchView.of(match);
    }

    @Transactional(readOnly = true)
    MatchView get(long matchId) {
        return MatchView.of(match(matchId));
    }

    private Match match(long id) {
        return matches.findById(id).orElseThrow(() -> new NotFoundException("match", id));
    }

    private Team teamOf(League league, long teamId, String field) {
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidFieldException(field, "no team with id " + teamId));
        if (!team.getLeague().getId().equals(league.getId())) {
            throw new InvalidFieldException(field, "team " + teamId + " is not in league " + league.getId());
        }
        return team;
    }
}
