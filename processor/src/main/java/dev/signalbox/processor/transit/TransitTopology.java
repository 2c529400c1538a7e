package dev.signalbox.processor.transit;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Redeliveries;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.Routed;
import dev.signalbox.processor.routing.RoutedSinks;
import dev.signalbox.processor.state.StateSerde;

/**
 * GTFS-Realtime entities and operator alerts → what riders watch: per-stop predictions, vehicles
 * on their routes, alerts where they apply, and a running summary per route. The static schedule
 * arrives as captured {@code gtfs_*} tables and is held in global stores ({@link Schedule}).
 *
 * <pre>
 * cdc.public.gtfs_* ──► schedule (global stores: time zones, routes, stops, trips, stop times)
 * feed.transit.trip-updates ──────► route-trip-updates ──┬─ live ─► live.transit (transit.stop.&lt;stop&gt;)
 *                                                        └─ forward (trip delay) ─┐
 * feed.transit.vehicle-positions ─► route-vehicles ──────┬─ live ─► live.transit (transit.route.&lt;route&gt;)
 *                                                        ├─ state ─► state.transit.vehicles
 *                                                        └─ forward (vehicle seen/gone) ─┤
 *                          transit-by-route (repartition) ◄──────────────────────────────┘
 *                               └─► summarize-routes ─► live.transit (transit.route.&lt;route&gt;), state.transit.routes
 * feed.transit.alerts ────────────► route-feed-alerts ─────► live.transit (transit.alerts, route and stop channels)
 * cdc.public.transit_alerts ──────► route-operator-alerts ─► live.transit (same)
 * every router's unreadable input ─► dlq.processor
 * </pre>
 */
public final class TransitTopology {

    public static final String OPERATOR_ALERTS = "transit_alerts";
    static final String OPERATOR_ALERT_POSITIONS_STORE = "transit-operator-alert-positions";

    private final ProcessorProperties properties;

    public TransitTopology(ProcessorProperties properties) {
        this.properties = properties;
    }

    public void build(StreamsBuilder builder) {
        Schedule.Changes schedule = Schedule.addTo(builder, properties);
        ProcessorProperties.Transit settings = properties.transit();
        String live = properties.outputTopic(Topics.LIVE_TRANSIT);
        String deadLetters = properties.deadLetterTopic();

        builder.addStateStore(TripUpdateRoute.storeBuilder());
        KStream<byte[], Object> tripDelays = RoutedSinks.writeAndForward(
                feed(builder, Topics.FEED_TRIP_UPDATES, "trip-updates")
                        .process(() -> new FeedRouter(new TripUpdateRoute(settings), schedule), Named.as("route-trip-updates"), TripUpdateRoute.TRIP_RUNS_STORE),
                "trip-updates", live, null, deadLetters);

        builder.addStateStore(VehicleRoute.storeBuilder());
        KStream<byte[], Object> sightings = RoutedSinks.writeAndForward(
                feed(builder, Topics.FEED_VEHICLE_POSITIONS, "vehicle-positions")
                        .process(() -> new FeedRouter(new VehicleRoute(settings), schedule), Named.as("route-vehicles"), VehicleRoute.LAST_VEHICLES_STORE),
                "vehicles", live, properties.outputTopic(Topics.STATE_TRANSIT_VEHICLES), deadLetters);

        builder.addStateStore(RouteSummarizer.storeBuilder());
        KStream<byte[], Routed> summaries = tripDelays.merge(sightings, Named.as("merge-route-observations"))
                .mapValues(value -> (RouteObservation) value, Named.as("route-observation"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), new StateSerde<>(RouteObservation.class)).withName("transit-by-route"))
                .process(() -> new RouteSummarizer(settings, schedule), Named.as("summarize-routes"), RouteSummarizer.ACTIVITY_STORE);
        RoutedSinks.write(summaries, "route-summaries", live, properties.outputTopic(Topics.STATE_TRANSIT_ROUTES), deadLetters);

        RoutedSinks.write(feed(builder, Topics.FEED_ALERTS, "alerts")
                        .process(() -> new FeedRouter(new AlertRoute(), schedule), Named.as("route-feed-alerts")),
                "feed-alerts", live, null, deadLetters);

        builder.addStateStore(Redeliveries.storeBuilder(OPERATOR_ALERT_POSITIONS_STORE));
        RoutedSinks.write(builder.stream(properties.cdcTopic(OPERATOR_ALERTS),
                                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("operator-alerts-source"))
                        .process(() -> new ChangeRouter(OPERATOR_ALERT_POSITIONS_STORE, new OperatorAlertRoute(settings.operatorFeedId())),
                                Named.as("route-operator-alerts"), OPERATOR_ALERT_POSITIONS_STORE),
                "operator-alerts", live, null, deadLetters);
    }

    private KStream<byte[], byte[]> feed(StreamsBuilder builder, String registryTopic, String name) {
        return builder.stream(properties.feedTopic(registryTopic), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"));
    }
}
