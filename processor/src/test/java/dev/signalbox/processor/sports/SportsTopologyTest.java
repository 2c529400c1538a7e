package dev.signalbox.processor.sports;

import static dev.signalbox.processor.testing.Changes.change;
import static dev.signalbox.processor.testing.Changes.key;
import static dev.signalbox.processor.testing.Changes.text;
import static dev.signalbox.processor.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.Topics;
import dev.signalbox.events.sports.Scoreboard;
import dev.signalbox.events.sports.SportsEvent;
import dev.signalbox.events.sports.SportsEventKind;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.testing.TopologyHarness;

/** Drives the production {@link SportsTopology#build} with Debezium-shaped change events. */
class SportsTopologyTest {

    private static final ProcessorProperties PROPERTIES = ProcessorProperties.defaults();
    private static final long COMMITTED = Instant.parse("2026-11-24T19:30:00Z").toEpochMilli();

    private TopologyHarness harness;
    private TestInputTopic<String, String> matches;
    private TestInputTopic<String, String> matchEvents;

    @BeforeEach
    void startTopology(@TempDir Path stateDirectory) {
        harness = new TopologyHarness(new SportsTopology(PROPERTIES)::build, stateDirectory);
        harness.input(PROPERTIES.cdcTopic(SportsTopology.LEAGUES)).pipeInput(key(1), change("leagues", "r", null, "{\"id\":1,\"name\":\"Premier\"}", 1, COMMITTED));
        TestInputTopic<String, String> teams = harness.input(PROPERTIES.cdcTopic(SportsTopology.TEAMS));
        teams.pipeInput(key(10), change("teams", "r", null, "{\"id\":10,\"league_id\":1,\"name\":\"Rovers\"}", 2, COMMITTED));
        teams.pipeInput(key(11), change("teams", "r", null, "{\"id\":11,\"league_id\":1,\"name\":\"United\"}", 3, COMMITTED));
        matches = harness.input(PROPERTIES.cdcTopic(SportsTopology.MATCHES));
        matchEvents = harness.input(PROPERTIES.cdcTopic(SportsTopology.MATCH_EVENTS));
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void aMatchChangeIsAScoreboardOnTheMatchAndLeagueChannelsWithTeamNames() {
        matches.pipeInput(key(5), change("matches", "u", match("SCHEDULED", 0, 0, 0), match("IN_PLAY", 1, 0, 1), 100, COMMITTED));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_SPORTS);
        assertThat(live).extracting(TestRecord::key).containsExactly("sports.match.5", "sports.league.1");
        SportsEvent event = Json.MAPPER.readValue(live.get(0).value(), SportsEvent.class);
        assertThat(event.kind()).isEqualTo(SportsEventKind.SCOREBOARD);
        Scoreboard scoreboard = event.scoreboard();
        assertThat(scoreboard.leagueName()).isEqualTo("Premier");
        assertThat(scoreboard.home()).isEqualTo(new Scoreboard.Side(10, "Rovers", 1));
        assertThat(scoreboard.away()).isEqualTo(new Scoreboard.Side(11, "United", 0));
        assertThat(scoreboard.status()).isEqualTo("IN_PLAY");
        assertThat(scoreboard.period()).isEqualTo(1);
        assertThat(scoreboard.clockSeconds()).isEqualTo(4020);
        assertThat(header(live.get(0), "ce_type")).isEqualTo("dev.signalbox.sports.scoreboard");
        assertThat(header(live.get(0), "ce_subject")).isEqualTo("match-5");
        assertThat(header(live.get(0), "ce_entityversion")).isEqualTo("100");

        TestRecord<String, String> state = harness.read(Topics.STATE_SPORTS_SCOREBOARDS).get(0);
        assertThat(state.key()).isEqualTo("match-5");
        StateRecord record = Json.MAPPER.readValue(state.value(), StateRecord.class);
        assertThat(record.channels()).containsExactly("sports.match.5", "sports.league.1");
        assertThat(record.version()).isEqualTo(100);
    }

    @Test
    void aGoalJoinsTheTimelineAndTheScoreboardsLastEvents() {
        matches.pipeInput(key(5), change("matches", "r", null, match("IN_PLAY", 0, 0, 1), 100, COMMITTED));
        harness.read(Topics.LIVE_SPORTS);
        matchEvents.pipeInput(key(70), change("match_events", "c", null, moment(70, "GOAL", 67, "{\\\"assist\\\":\\\"Kim\\\"}"), 101, COMMITTED));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_SPORTS);
        assertThat(live).extracting(TestRecord::key).containsExactly("sports.match.5");
        SportsEvent event = Json.MAPPER.readValue(live.get(0).value(), SportsEvent.class);
        assertThat(event.kind()).isEqualTo(SportsEventKind.MOMENT_ADDED);
        assertThat(event.moment().type()).isEqualTo("GOAL");
        assertThat(event.moment().teamName()).isEqualTo("Rovers");
        assertThat(event.moment().detail().get("assist").asString()).isEqualTo("Kim");
        assertThat(event.scoreboard().lastEvents()).extracting(Scoreboard.Moment::eventId).containsExactly(70L);
        assertThat(event.scoreboard().home().name()).isEqualTo("Rovers");
        assertThat(header(live.get(0), "ce_type")).isEqualTo("dev.signalbox.sports.moment-added");
    }

    @Test
    void aCorrectedOrDisallowedMomentIsReplacedOrRemoved() {
        matchEvents.pipeInput(key(70), change("match_events", "c", null, moment(70, "GOAL", 67, null), 101, COMMITTED));
        matchEvents.pipeInput(key(70), change("match_events", "u", moment(70, "GOAL", 67, null), moment(70, "GOAL", 68, null), 102, COMMITTED));
        matchEvents.pipeInput(key(71), change("match_events", "c", null, moment(71, "CARD", 70, null), 103, COMMITTED));
        matchEvents.pipeInput(key(70), change("match_events", "d", moment(70, "GOAL", 68, null), null, 104, COMMITTED));

        List<SportsEvent> events = events(harness.read(Topics.LIVE_SPORTS));
        assertThat(events).extracting(SportsEvent::kind).containsExactly(SportsEventKind.MOMENT_ADDED, SportsEventKind.MOMENT_CORRECTED,
                SportsEventKind.MOMENT_ADDED, SportsEventKind.MOMENT_REMOVED);
        assertThat(events.get(1).scoreboard().lastEvents()).extracting(Scoreboard.Moment::minute).containsExactly(68);
        assertThat(events.get(3).scoreboard().lastEvents()).extracting(Scoreboard.Moment::eventId).containsExactly(71L);
    }

    @Test
    void momentsBeforeTheMatchRowAreKeptAndTheMatchLaterCompletesTheScoreboard() {
        matchEvents.pipeInput(key(70), change("match_events", "c", null, moment(70, "PERIOD_START", 0, null), 99, COMMITTED));
        assertThat(harness.read(Topics.STATE_SPORTS_SCOREBOARDS)).extracting(record -> Json.MAPPER.readValue(record.value(), StateRecord.class))
                .extracting(StateRecord::channels).containsExactly(List.of("sports.match.5"));

        matches.pipeInput(key(5), change("matches", "c", null, match("IN_PLAY", 0, 0, 1), 100, COMMITTED));
        SportsEvent event = events(harness.read(Topics.LIVE_SPORTS)).get(1);
        assertThat(event.scoreboard().lastEvents()).extracting(Scoreboard.Moment::eventId).containsExactly(70L);
        assertThat(event.scoreboard().leagueId()).isEqualTo(1);
    }

    @Test
    void onlyTheNewestMomentsAreKept() {
        for (int i = 1; i <= Scoreboard.LAST_EVENTS + 3; i++) {
            matchEvents.pipeInput(key(i), change("match_events", "c", null, moment(i, "CARD", i, null), 100 + i, COMMITTED));
        }
        List<SportsEvent> events = events(harness.read(Topics.LIVE_SPORTS));
        assertThat(events.get(events.size() - 1).scoreboard().lastEvents()).hasSize(Scoreboard.LAST_EVENTS)
                .extracting(Scoreboard.Moment::eventId).startsWith(4L).endsWith((long) Scoreboard.LAST_EVENTS + 3);
    }

    @Test
    void aDeletedMatchLeavesTheStateTopic() {
        matches.pipeInput(key(5), change("matches", "c", null, match("SCHEDULED", 0, 0, 0), 100, COMMITTED));
        matches.pipeInput(key(5), change("matches", "d", match("SCHEDULED", 0, 0, 0), null, 101, COMMITTED));

        assertThat(events(harness.read(Topics.LIVE_SPORTS))).extracting(SportsEvent::kind).endsWith(SportsEventKind.MATCH_REMOVED);
        assertThat(harness.read(Topics.STATE_SPORTS_SCOREBOARDS)).extracting(TestRecord::key, TestRecord::value)
                .last().isEqualTo(tuple("match-5", null));
    }

    @Test
    void aReDeliveredChangeProducesNoSecondEvent() {
        matches.pipeInput(key(5), change("matches", "c", null, match("IN_PLAY", 0, 0, 1), 100, COMMITTED));
        matchEvents.pipeInput(key(70), change("match_events", "c", null, moment(70, "GOAL", 67, null), 101, COMMITTED));
        matches.pipeInput(key(5), change("matches", "c", null, match("IN_PLAY", 0, 0, 1), 100, COMMITTED));
        matchEvents.pipeInput(key(70), change("match_events", "c", null, moment(70, "GOAL", 67, null), 101, COMMITTED));

        assertThat(events(harness.read(Topics.LIVE_SPORTS))).extracting(SportsEvent::kind)
                .containsExactly(SportsEventKind.SCOREBOARD, SportsEventKind.MOMENT_ADDED);
    }

    @Test
    void poisonPillsGoToTheDeadLetterTopicAndTheNextRecordStillFlows() {
        matches.pipeInput(key(6), "not json at all");
        matchEvents.pipeInput(key(80), change("match_events", "c", null, "{\"id\":80,\"type\":\"GOAL\",\"minute\":1}", 105, COMMITTED));
        matches.pipeInput(key(7), change("matches", "c", null, match("IN_PLAY", 0, 0, 1).replace("\"starts_at\":\"2026-11-24T19:00:00Z\"",
                "\"starts_at\":\"tonight\""), 106, COMMITTED).replace("\"id\":5", "\"id\":7"));
        matches.pipeInput(key(5), change("matches", "c", null, match("IN_PLAY", 0, 0, 1), 107, COMMITTED));

        List<TestRecord<String, String>> rejected = harness.read(Topics.DLQ_PROCESSOR);
        assertThat(rejected).extracting(record -> header(record, "signalbox.error")).hasSize(3)
                .anySatisfy(error -> assertThat(error).contains("match_id"))
                .anySatisfy(error -> assertThat(error).contains("tonight"));
        assertThat(rejected.get(0).value()).isEqualTo("not json at all");
        assertThat(events(harness.read(Topics.LIVE_SPORTS))).extracting(event -> event.scoreboard().matchId()).containsExactly(5L);
    }

    @Test
    void theTopologyNamesEveryNode() {
        StreamsBuilder builder = new StreamsBuilder();
        new SportsTopology(PROPERTIES).build(builder);
        String description = builder.build().describe().toString();
        assertThat(description).contains("leagues-source", "teams-source", "matches-source", "match-events-source", "read-matches", "read-match-events",
                "merge-sports-changes", "sports-by-match", "build-scoreboards", "scoreboards-live-sink", "scoreboards-state-sink",
                "scoreboards-dead-letter-sink", "sports-changes-dead-letter-sink");
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private static List<SportsEvent> events(List<TestRecord<String, String>> records) {
        return records.stream().filter(record -> record.key().startsWith("sports.match."))
                .map(record -> Json.MAPPER.readValue(record.value(), SportsEvent.class)).toList();
    }

    private static String match(String status, int home, int away, int period) {
        return "{\"id\":5,\"league_id\":1,\"home_team_id\":10,\"away_team_id\":11,\"starts_at\":\"2026-11-24T19:00:00Z\",\"status\":"
                + text(status) + ",\"home_score\":" + home + ",\"away_score\":" + away + ",\"period\":" + period
                + ",\"clock_seconds\":4020,\"updated_at\":\"2026-11-24T19:30:00Z\",\"version\":3}";
    }

    private static String moment(long id, String type, int minute, String detailJsonText) {
        return "{\"id\":" + id + ",\"match_id\":5,\"type\":" + text(type) + ",\"minute\":" + minute
                + ",\"team_id\":10,\"player\":\"Ito\",\"detail\":" + (detailJsonText == null ? "null" : "\"" + detailJsonText + "\"")
                + ",\"created_at\":\"2026-11-24T19:30:00Z\"}";
    }
}
