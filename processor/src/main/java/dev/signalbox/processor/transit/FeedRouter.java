package dev.signalbox.processor.transit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.processor.routing.Forwarding;
import dev.signalbox.processor.routing.Routed;

/**
 * The path every GTFS-Realtime entity takes: read it strictly ({@link FeedEntity#read}), let the entity type's {@link Route}
 * say what it becomes, forward each result keyed for its topic; an entity that cannot be read or
 * routed goes to the dead-letter topic with the reason, and the stream goes on.
 */
final class FeedRouter implements Processor<byte[], byte[], byte[], Routed> {

    interface Route {

        void init(ProcessorContext<byte[], Routed> context, Schedule schedule);

        /** @throws IllegalArgumentException when the entity lacks what the route needs */
        List<Routed> route(FeedEntity entity);
    }

    private static final Logger log = LoggerFactory.getLogger(FeedRouter.class);

    private final Route route;
    private final Schedule.Changes scheduleChanges;
    private ProcessorContext<byte[], Routed> context;

    FeedRouter(Route route, Schedule.Changes scheduleChanges) {
        this.route = route;
        this.scheduleChanges = scheduleChanges;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        route.init(context, Schedule.of(context, scheduleChanges));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // feed topics are not compacted; a null value carries nothing to route
        }
        List<Routed> results;
        try {
            FeedEntity entity = FeedEntity.read(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.value());
            results = route.route(entity);
        } catch (IllegalArgumentException | DateTimeException e) {
            log.warn("Feed entity rejected to the dead-letter topic: {}", e.getMessage());
            Forwarding.reject(context, record, e);
            return;
        }
        Forwarding.forward(context, record, results);
    }
}
