package dev.signalbox.ingest.sports;

import java.time.Instant;

import org.hibernate.annotations.ColumnTransformer;

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

/** Something that happened in a match. */
@Entity
@Table(name = "match_events")
class MatchEvent {

    enum Type { GOAL, OWN_GOAL, PENALTY, CARD, SUBSTITUTION, PERIOD_START, PERIOD_END }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "match_id", nullable = false, updatable = false)
    private Match match;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Type type;

    @Column(nullable = false)
    private int minute;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "team_id")
    private Team team;

    private String player;

    /** Free-form JSON (card colour, substituted player…), stored as jsonb. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String detail;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected MatchEvent() {
        // for JPA
    }

    MatchEvent(Match match, Type type, int minute, Team team, String player, String detail, Instant now) {
        this.match = match;
        this.type = type;
        this.minute = minute;
        this.team = team;
        this.player = player;
        this.detail = detail;
        this.createdAt = now;
    }
}
