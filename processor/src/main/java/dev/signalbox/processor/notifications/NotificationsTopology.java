package dev.signalbox.processor.notifications;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

import dev.signalbox.events.Topics;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Redeliveries;
import dev.signalbox.processor.routing.ChangeRouter;
import dev.signalbox.processor.routing.RoutedSinks;

/**
 * Captured notifications → their audience's channel.
 *
 * <pre>
 * cdc.public.notifications ──► route-notifications ──┬─ live ─► live.notifications (notifications.all, notifications.user.&lt;userId&gt;)
 *          (drops re-deliveries)                      └─ rejected ─► dlq.processor
 * </pre>
 */
public final class NotificationsTopology {

    public static final String NOTIFICATIONS = "notifications";
    static final String POSITIONS_STORE = "notification-positions";

    private final ProcessorProperties properties;

    public NotificationsTopology(ProcessorProperties properties) {
        this.properties = properties;
    }

    public void build(StreamsBuilder builder) {
        builder.addStateStore(Redeliveries.storeBuilder(POSITIONS_STORE));
        var routed = builder
                .stream(properties.cdcTopic(NOTIFICATIONS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("notifications-source"))
                .process(() -> new ChangeRouter(POSITIONS_STORE, new NotificationRoute()), Named.as("route-notifications"), POSITIONS_STORE);
        RoutedSinks.write(routed, "notifications", properties.outputTopic(Topics.LIVE_NOTIFICATIONS), null, properties.deadLetterTopic());
    }
}
