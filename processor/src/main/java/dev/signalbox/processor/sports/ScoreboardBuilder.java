package dev.signalbox.processor.sports;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.CloudEvents;
import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.sports.Scoreboard;
import dev.signalbox.events.sports.SportsEvent;
import dev.signalbox.events.sports.SportsEventKind;
import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.DeadLetters;
import dev.signalbox.processor.capture.GlobalRows;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.routing.Forwarding;
import dev.signalbox.processor.routing.Routed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keeps one scoreboard per match, on the match's partition, from the changes of the match row and
 * of its events; after each change it publishes the scoreboard on {@code sports.match.<id>} (a
 * change of the match itself on {@code sports.league.<id>} too) and as the match's state.
 */
final class ScoreboardBuilder implements Processor<byte[], SportsChange, byte[], Routed> {

    static final String CE_SOURCE = "/signalbox/processor/sports";
    private static final Logger log = LoggerFactory.getLogger(ScoreboardBuilder.class);

    private final String scoreboardsStore;
    private final String teamsStore;
    private final String leaguesStore;
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, Scoreboard> scoreboards;
    private TimestampedKeyValueStore<String, String> teams;
    private TimestampedKeyValueStore<String, String> leagues;

    ScoreboardBuilder(String scoreboardsStore, String teamsStore, String leaguesStore) {
        this.scoreboardsStore = scoreboardsStore;
        this.teamsStore = teamsStore;
        this.leaguesStore = leaguesStore;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.scoreboards = context.getStateStore(scoreboardsStore);
        this.teams = context.getStateStore(teamsStore);
        this.leagues = context.getStateStore(leaguesStore);
    }

    @Override
    public void process(Record<byte[], SportsChange> record) {
        SportsChange sports = record.value();
        List<Routed> results;
        try {
            results = sports.table().equals(SportsTopology.MATCHES) ? matchChanged(sports) : momentChanged(sports);
        } catch (IllegalArgumentException | DateTimeException | JacksonException e) {
            log.warn("Sports change rejected to the dead-letter topic: {}", e.getMessage());
            Headers headers = DeadLetters.headers(record.headers(), e, context.recordMetadata());
            context.forward(new Record<byte[], Routed>(record.key(), new Routed.Rejected(Json.MAPPER.writeValueAsBytes(sports), headers),
                    record.timestamp(), headers));
            return;
        }
        Forwarding.forward(context, record, results);
    }

    private List<Routed> matchChanged(SportsChange sports) {
        CapturedChange change = sports.change();
        JsonNode row = change.row();
        long matchId = Rows.number(row, "id");
        Scoreboard previous = scoreboards.get(key(matchId));
        List<Scoreboard.Moment> moments = previous == null ? List.of() : previous.lastEvents();
        long leagueId = Rows.number(row, "league_id");
        long homeId = Rows.number(row, "home_team_id");
        long awayId = Rows.number(row, "away_team_id");
        Scoreboard scoreboard = new Scoreboard(matchId, leagueId, GlobalRows.text(leagues, leagueId, "name"),
                new Scoreboard.Side(homeId, GlobalRows.text(teams, homeId, "name"), (int) Rows.number(row, "home_score")),
                new Scoreboard.Side(awayId, GlobalRows.text(teams, awayId, "name"), (int) Rows.number(row, "away_score")),
                Rows.text(row, "status"), (int) Rows.number(row, "period"), (int) Rows.number(row, "clock_seconds"),
                Instant.parse(Rows.text(row, "starts_at")), moments, change.committedAt(), version(previous, change));
        if (change.isDelete()) {
            scoreboards.delete(key(matchId));
            SportsEvent event = new SportsEvent(SportsEventKind.MATCH_REMOVED, scoreboard, null, change.committedAt(), change.lsn());
            return List.of(live(matchChannel(matchId), event), live(leagueChannel(leagueId), event), Routed.State.removed(entity(matchId)));
        }
        scoreboards.put(key(matchId), scoreboard);
        SportsEvent event = new SportsEvent(SportsEventKind.SCOREBOARD, scoreboard, null, change.committedAt(), change.lsn());
        return List.of(live(matchChannel(matchId), event), live(leagueChannel(leagueId), event), state(scoreboard));
    }

    private List<Routed> momentChanged(SportsChange sports) {
        CapturedChange change = sports.change();
        JsonNode row = change.row();
        long matchId = Rows.number(row, "match_id");
        Scoreboard.Moment moment = moment(row);
        Scoreboard previous = scoreboards.get(key(matchId));
        if (previous == null) {
            // The match row has not arrived yet: keep its moments until it does.
            previous = new Scoreboard(matchId, 0, null, null, null, null, 0, 0, null, List.of(), change.committedAt(), change.lsn());
        }
        List<Scoreboard.Moment> moments = new ArrayList<>(previous.lastEvents());
        moments.removeIf(existing -> existing.eventId() == moment.eventId());
        SportsEventKind kind;
        switch (change.op()) {
            case "d" -> kind = SportsEventKind.MOMENT_REMOVED;
            case "u" -> {
                kind = SportsEventKind.MOMENT_CORRECTED;
                moments.add(moment);
            }
            default -> {
                kind = SportsEventKind.MOMENT_ADDED;
                moments.add(moment);
            }
        }
        moments.sort(java.util.Comparator.comparingInt(Scoreboard.Moment::minute).thenComparingLong(Scoreboard.Moment::eventId));
        if (moments.size() > Scoreboard.LAST_EVENTS) {
            moments = new ArrayList<>(moments.subList(moments.size() - Scoreboard.LAST_EVENTS, moments.size()));
        }
        Scoreboard scoreboard = new Scoreboard(previous.matchId(), previous.leagueId(), previous.leagueName(), previous.home(),
                previous.away(), previous.status(), previous.period(), previous.clockSeconds(), previous.startsAt(), List.copyOf(moments),
                change.committedAt(), version(previous, change));
        scoreboards.put(key(matchId), scoreboard);
        SportsEvent event = new SportsEvent(kind, scoreboard, moment, change.committedAt(), change.lsn());
        return List.of(live(matchChannel(matchId), event), state(scoreboard));
    }

    /**
     * The scoreboard's version after a change: its log position, never lower than before. A match's
     * own changes and its events' changes come from two topics, so one may arrive after a newer one.
     */
    private static long version(Scoreboard previous, CapturedChange change) {
        return previous == null ? change.lsn() : Math.max(previous.version(), change.lsn());
    }

    private Scoreboard.Moment moment(JsonNode row) {
        JsonNode team = row.get("team_id");
        Long teamId = team == null || team.isNull() ? null : Rows.number(row, "team_id");
        String detail = Rows.optionalText(row, "detail");
        // jsonb arrives as JSON text; it is nested as JSON in the event.
        return new Scoreboard.Moment(Rows.number(row, "id"), Rows.text(row, "type"), (int) Rows.number(row, "minute"), teamId,
                teamId == null ? null : GlobalRows.text(teams, teamId, "name"), Rows.optionalText(row, "player"),
                detail == null ? null : Json.MAPPER.readTree(detail));
    }

    private static Routed.Live live(Channel channel, SportsEvent event) {
        Scoreboard scoreboard = event.scoreboard();
        String id = "match-" + scoreboard.matchId() + "-" + event.sourceLsn() + "-" + event.kind().name().toLowerCase(Locale.ROOT)
                + (event.moment() == null ? "" : "-" + event.moment().eventId());
        return new Routed.Live(channel, event, CloudEvents.headers(id, CE_SOURCE, event.kind().wireName(), event.occurredAt(),
                entity(scoreboard.matchId()), scoreboard.version()));
    }

    private static Routed.State state(Scoreboard scoreboard) {
        List<String> channels = scoreboard.leagueId() == 0 ? List.of(matchChannel(scoreboard.matchId()).name())
                : List.of(matchChannel(scoreboard.matchId()).name(), leagueChannel(scoreboard.leagueId()).name());
        String entity = entity(scoreboard.matchId());
        return new Routed.State(entity, new StateRecord(entity, channels, scoreboard.version(), scoreboard.updatedAt(),
                Json.MAPPER.valueToTree(scoreboard)));
    }

    static String entity(long matchId) {
        return "match-" + matchId;
    }

    private static String key(long matchId) {
        return Long.toString(matchId);
    }

    static Channel matchChannel(long matchId) {
        return new Channel("sports.match." + matchId);
    }

    static Channel leagueChannel(long leagueId) {
        return new Channel("sports.league." + leagueId);
    }
}
