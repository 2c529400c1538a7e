package dev.signalbox.ingest.sports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "teams")
class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "league_id", nullable = false, updatable = false)
    private League league;

    @Column(nullable = false)
    private String name;

    protected Team() {
        // for JPA
    }

    Team(League league, String name) {
        this.league = league;
        this.name = name;
    }

    Long getId() {
        return id;
    }

    League getLeague() {
        return league;
    }
}
