package dev.signalbox.ingest.sports;

import org.springframework.data.jpa.repository.JpaRepository;

interface LeagueRepository extends JpaRepository<League, Long> {
}

interface TeamRepository extends JpaRepository<Team, Long> {
}

interface MatchRepository extends JpaRepository<Match, Long> {
}

interface MatchEventRepository extends JpaRepository<MatchEvent, Long> {
}
