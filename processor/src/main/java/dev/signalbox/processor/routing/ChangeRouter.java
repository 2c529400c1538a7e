package dev.signalbox.processor.routing;

import java.time.DateTimeException;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.processor.capture.CapturedChange;
import dev.signalbox.processor.capture.Redeliveries;
import tools.jackson.core.JacksonException;

/**
 * The path every captured table takes: parse the change strictly, drop it if ingest delivered it
 * before, let the domain's {@link Route} say what it becomes, and forward each result keyed for its
 * topic (a live event by channel, a state by entity). A change that cannot be read or routed is
 * rejected with the reason and where it came from, and the stream goes on.
 */
public final class ChangeRouter implements Processor<byte[], byte[], byte[], Routed> {

    /** One domain's rules for one captured table. */
    public interface Route {

        /** Look up the state stores the route reads. */
        default void init(ProcessorContext<byte[], Routed> context) {
        }

        /**
         * What this change becomes: {@link Routed.Live}, {@link Routed.State} and {@link Routed.Forward} results, or none.
         *
         * @throws IllegalArgumentException when the row lacks what the domain needs; the change is rejected
         */
        List<Routed> route(CapturedChange change);
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeRouter.class);

    private final String positionsStore;
    private final Route route;
    private ProcessorContext<byte[], Routed> context;
    private Redeliveries redeliveries;

    public ChangeRouter(String positionsStore, Route route) {
        this.positionsStore = positionsStore;
        this.route = route;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.redeliveries = new Redeliveries(context.getStateStore(positionsStore));
        route.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            // The tombstone after a delete: the delete itself already said what happened.
            return;
        }
        List<Routed> results;
        try {
            CapturedChange change = CapturedChange.parse(record.value());
            if (redeliveries.seenBefore(record.key(), change.lsn())) {
                log.debug("Dropped a re-delivered change at LSN {}", change.lsn());
                return;
            }
            results = route.route(change);
        } catch (IllegalArgumentException | DateTimeException | JacksonException e) {
            reject(record, e);
            return;
        }
        Forwarding.forward(context, record, results);
    }

    private void reject(Record<byte[], byte[]> record, Exception error) {
        log.warn("Change rejected to the dead-letter topic: {}", error.getMessage());
        Forwarding.reject(context, record, error);
    }
}
