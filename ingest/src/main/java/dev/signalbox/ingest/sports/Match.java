package dev.signalbox.ingest.sports;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.signalbox.ingest.web.ConflictException;
import dev.signalbox.ingest.web.InvalidFieldException;

/** A match and its live state: status, score, period and clock. */
@Entity
@Table(name = "matches")
class Match {

    enum Status { SCHEDULED, IN_PLAY, PAUSED, FINISHED, POSTPONED, CANCELLED }

    private static final Set<Status> FINAL = EnumSet.of(Status.FINISHED, Status.CANCELLED);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "league_id", nullable = false, updatable = false)
    private League league;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "home_team_id", nullable = false, updatable = false)
    private Team homeTeam;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "away_team_id", nullable = false, updatable = false)
    private Team awayTeam;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "home_score", nullable = false)
    private int homeScore;

    @Column(name = "away_score", nullable = false)
    private int awayScore;

    @Column(nullable = false)
    private int period;

    @Column(name = "clock_seconds", nullable = false)
    private int clockSeconds;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Match() {
        // for JPA
    }

    Match(League league, Team home, Team away, Instant startsAt, Instant now) {
        this.league = league;
        this.homeTeam = home;
        this.awayTeam = away;
        this.startsAt = startsAt;
        this.status = Status.SCHEDULED;
        this.updatedAt = now;
    }

    void setState(Status status, int period, int clockSeconds, Instant now) {
        if (FINAL.contains(this.status) && status != this.status) {
            throw new ConflictException("match " + id + " is " + this.status + " and cannot change state");
        }
        this.status = status;
        this.period = period;
        this.clockSeconds = clockSeconds;
        this.updatedAt = now;
    }

    /** Scores a goal for {@code team}, or for its opponent when it is an own goal. */
    void score(Team team, boolean ownGoal, Instant now) {
        requireInPlay();
        boolean home = isHome(team);
        if (home != ownGoal) {
            homeScore++;
        } else {
            awayScore++;
        }
        updatedAt = now;
    }

    void requireInPlay() {
        if (status != Status.IN_PLAY && status != Status.PAUSED) {
            throw new ConflictException("match " + id + " is " + status + ", not in play");
        }
    }

    boolean isHome(Team team) {
        if (team.getId().equals(homeTeam.getId())) {
            return true;
        }
        if (team.getId().equals(awayTeam.getId())) {
            return false;
        }
        throw new InvalidFieldException("teamId", "team " + team.getId() + " does not play in match " + id);
    }

    Long getId() {
        return id;
    }

    League getLeague() {
        return league;
    }

    Team getHomeTeam() {
        return homeTeam;
    }

    Team getAwayTeam() {
        return awayTeam;
    }

    Instant getStartsAt() {
        return startsAt;
    }

    Status getStatus() {
        return status;
    }

    int getHomeScore() {
        return homeScore;
    }

    int getAwayScore() {
        return awayScore;
    }

    int getPeriod() {
        return period;
    }

    int getClockSeconds() {
        return clockSeconds;
    }
}
