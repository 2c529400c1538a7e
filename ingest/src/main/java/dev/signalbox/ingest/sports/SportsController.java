package dev.signalbox.ingest.sports;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.signalbox.ingest.sports.SportsApi.Created;
import dev.signalbox.ingest.sports.SportsApi.MatchState;
import dev.signalbox.ingest.sports.SportsApi.MatchView;
import dev.signalbox.ingest.sports.SportsApi.NewLeague;
import dev.signalbox.ingest.sports.SportsApi.NewMatch;
import dev.signalbox.ingest.sports.SportsApi.NewMatchEvent;
import dev.signalbox.ingest.sports.SportsApi.NewTeam;

@RestController
@RequestMapping("/api")
class SportsController {

    private final Sports sports;

    SportsController(Sports sports) {
        this.sports = sports;
    }

    @PostMapping("/leagues")
    @ResponseStatus(HttpStatus.CREATED)
    Created addLeague(@Valid @RequestBody NewLeague request) {
        return sports.addLeague(request.name());
    }

    @PostMapping("/leagues/{leagueId}/teams")
    @ResponseStatus(HttpStatus.CREATED)
    Created addTeam(@PathVariable long leagueId, @Valid @RequestBody NewTeam request) {
        return sports.addTeam(leagueId, request.name());
    }

    @PostMapping("/leagues/{leagueId}/matches")
    @ResponseStatus(HttpStatus.CREATED)
    MatchView schedule(@PathVariable long leagueId, @Valid @RequestBody NewMatch request) {
        return sports.schedule(leagueId, request);
    }

    @GetMapping("/matches/{id}")
    MatchView get(@PathVariable long id) {
        return sports.get(id);
    }

    @PutMapping("/matches/{id}/state")
    MatchView setState(@PathVariable long id, @Valid @RequestBody MatchState request) {
        return sports.setState(id, request);
    }

    @PostMapping("/matches/{id}/events")
    @ResponseStatus(HttpStatus.CREATED)
    MatchView record(@PathVariable long id, @Valid @RequestBody NewMatchEvent request) {
        return sports.record(id, request);
    }
}
