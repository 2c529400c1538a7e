package dev.signalbox.processor.transit;

import java.time.DateTimeException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.processor.capture.CapturedChange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keeps one global schedule store in step with its captured GTFS table, storing only what lookups
 * need under the keys they look up by (a stop time under its sequence and under its stop). Kafka
 * Streams replays the table through this same processor when it restores the store.
 */
final class ScheduleLoader<V> implements Processor<byte[], byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoader.class);

    private final String storeName;
    private final Schedule.Changes changes;
    private final Function<JsonNode, List<String>> keys;
    private final BiFunction<JsonNode, KeyValueStore<String, V>, List<String>> keysOfRemoved;
    private final Function<JsonNode, V> value;
    private KeyValueStore<String, V> store;

    /** For a table whose keys all come from its primary key columns. */
    ScheduleLoader(String storeName, Schedule.Changes changes, Function<JsonNode, List<String>> keys, Function<JsonNode, V> value) {
        this(storeName, changes, keys, (before, store) -> keys.apply(before), value);
    }

    /**
     * @param keys          every key a row is stored under, from a whole row
     * @param keysOfRemoved the keys a row taken away is stored under, from the change's before image
     *                      and the store: the GTFS tables keep PostgreSQL's default replica identity,
     *                      so a delete's before image holds the primary key columns and nothing else
     */
    ScheduleLoader(String storeName, Schedule.Changes changes, Function<JsonNode, List<String>> keys,
            BiFunction<JsonNode, KeyValueStore<String, V>, List<String>> keysOfRemoved, Function<JsonNode, V> value) {
        this.storeName = storeName;
        this.changes = changes;
        this.keys = keys;
        this.keysOfRemoved = keysOfRemoved;
        this.value = value;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        changes.changed(); // (re)started: the store may have been rebuilt
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // the tombstone after a delete, which was handled already
        }
        try {
            CapturedChange change = CapturedChange.parse(record.value());
            if (change.before() != null) {
                List<String> removed = keysOfRemoved.apply(change.before(), store);
                if (change.isDelete() || !removed.equals(keys.apply(change.after()))) {
                    removed.forEach(store::delete);
                }
            }
            if (!change.isDelete()) {
                V row = value.apply(change.after());
                for (String key : keys.apply(change.after())) {
                    store.put(key, row);
                }
            }
        } catch (IllegalArgumentException | DateTimeException | JacksonException e) {
            // A global store's processor cannot forward, so it cannot dead-letter: say so loudly and go on.
            log.error("Skipped an unreadable schedule change in {}: {}", storeName, e.getMessage());
        } finally {
            changes.changed(); // after the writes, even those of a change that failed half-way
        }
    }
}
