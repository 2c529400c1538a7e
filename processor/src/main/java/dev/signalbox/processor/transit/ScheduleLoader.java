package dev.signalbox.processor.transit;

import java.time.DateTimeException;
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
 * need under the keys they look up by ({@link Table}). Kafka Streams replays the table through this
 * same processor when it restores the store.
 */
final class ScheduleLoader<V> implements Processor<byte[], byte[], Void, Void> {

    /** How one captured table's changes become writes to its store. */
    interface Table<V> {

        /** Applies one insert, update, delete or snapshot read of a row to the store. */
        void apply(CapturedChange change, KeyValueStore<String, V> store);

        /**
         * A table stored a row per key, the key from its primary key columns. The GTFS tables keep
         * PostgreSQL's default replica identity, so a delete's before image holds those columns and
         * nothing else.
         */
        static <V> Table<V> rowPerKey(Function<JsonNode, String> key, Function<JsonNode, V> value) {
            return (change, store) -> {
                if (change.before() != null) {
                    String removed = key.apply(change.before());
                    if (change.isDelete() || !removed.equals(key.apply(change.after()))) {
                        store.delete(removed);
                    }
                }
                if (!change.isDelete()) {
                    store.put(key.apply(change.after()), value.apply(change.after()));
                }
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoader.class);

    private final String storeName;
    private final Schedule.Changes changes;
    private final Table<V> table;
    private KeyValueStore<String, V> store;

    ScheduleLoader(String storeName, Schedule.Changes changes, Table<V> table) {
        this.storeName = storeName;
        this.changes = changes;
        this.table = table;
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
            table.apply(CapturedChange.parse(record.value()), store);
        } catch (IllegalArgumentException | DateTimeException | JacksonException e) {
            // A global store's processor cannot forward, so it cannot dead-letter: say so loudly and go on.
            log.error("Skipped an unreadable schedule change in {}: {}", storeName, e.getMessage());
        } finally {
            changes.changed(); // after the writes, even those of a change that failed half-way
        }
    }
}
