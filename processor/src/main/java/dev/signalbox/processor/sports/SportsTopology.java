package dev.signalbox.processor.sports;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.signalbox.events.JsonSerde;
import dev.signalbox.events.Topics;
import dev.signalbox.events.sports.Scoreboard;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Redeliveries;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;
import dev.signalbox.processor.routing.RoutedSinks;

/**
 * Captured match and match-event changes → one scoreboard per match and its timeline. A match's
 * events are keyed by their own id, so both streams are re-keyed by match id and repartitioned,
 * which puts every change of one match on one partition, in order, next to its scoreboard. Teams
 * and leagues are small reference tables: GlobalKTables.
 *
 * <pre>
 * cdc.public.teams, cdc.public.leagues ──► global tables (names)
 * cdc.public.matches ──────► read-matches ───────┐                                  ┌─ live ─► live.sports (sports.match.&lt;id&gt;, sports.league.&lt;id&gt;)
 * cdc.public.match_events ─► read-match-events ──┴─► by-match (repartition) ─► build-scoreboards ─┼─ state ─► state.sports.scoreboards
 *        (drop re-deliveries; unreadable ─► dlq.processor)                                        └─ rejected ─► dlq.processor
 * </pre>
 */
public final class SportsTopology {

    public static final String LEAGUES = "leagues";
    public static final String TEAMS = "teams";
    public static final String MATCHES = "matches";
    public static final String MATCH_EVENTS = "match_events";

    static final String LEAGUES_STORE = "sports-leagues";
    /** The teams as a global table: public for interactive queries. */
    public static final String TEAMS_STORE = "sports-teams";
    static final String SCOREBOARDS_STORE = "sports-scoreboards";
    static final String MATCH_POSITIONS_STORE = "sports-match-positions";
    static final String MATCH_EVENT_POSITIONS_STORE = "sports-match-event-positions";

    private final ProcessorProperties properties;

    public SportsTopology(ProcessorProperties properties) {
        this.properties = properties;
    }

    public void build(StreamsBuilder builder) {
        referenceTable(builder, LEAGUES, LEAGUES_STORE);
        referenceTable(builder, TEAMS, TEAMS_STORE);

        KStream<byte[], Routed> matches = read(builder, MATCHES, "matches", MATCH_POSITIONS_STORE);
        KStream<byte[], Routed> matchEvents = read(builder, MATCH_EVENTS, "match-events", MATCH_EVENT_POSITIONS_STORE);
        KStream<byte[], Object> readable = RoutedSinks.writeAndForward(matches.merge(matchEvents, Named.as("merge-sports-changes")),
                "sports-changes", null, null, properties.deadLetterTopic());

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCOREBOARDS_STORE), Serdes.String(),
                new JsonSerde<>(Scoreboard.class)));
        var scoreboards = readable
                .mapValues(value -> (SportsChange) value, Named.as("sports-change"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), new JsonSerde<>(SportsChange.class)).withName("sports-by-match"))
                .process(() -> new ScoreboardBuilder(SCOREBOARDS_STORE, TEAMS_STORE, LEAGUES_STORE), Named.as("build-scoreboards"),
                        SCOREBOARDS_STORE);
        RoutedSinks.write(scoreboards, "scoreboards", properties.outputTopic(Topics.LIVE_SPORTS),
                properties.outputTopic(Topics.STATE_SPORTS_SCOREBOARDS), properties.deadLetterTopic());
    }

    private void referenceTable(StreamsBuilder builder, String table, String store) {
        builder.globalTable(properties.cdcTopic(table), Consumed.with(Serdes.String(), Serdes.String()).withName(table),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
    }

    private KStream<byte[], Routed> read(StreamsBuilder builder, String table, String name, String positionsStore) {
        builder.addStateStore(Redeliveries.storeBuilder(positionsStore));
        return builder.stream(properties.cdcTopic(table), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new ChangeRouter(positionsStore, SportsChange.reader(table)), Named.as("read-" + name), positionsStore);
    }
}
