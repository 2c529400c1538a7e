package dev.signalbox.processor.capture;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Recognises changes that ingest delivered again. Ingest publishes at least once: after a crash it
 * re-sends the changes since its last stored offset, with their original log positions. One row's
 * changes arrive in log order on one partition (the topic is keyed by primary key), so a change at
 * or below the last position seen for its row was already handled. The position is kept after a
 * delete too, so a re-sent delete is recognised as well.
 */
public final class Redeliveries {

    private final KeyValueStore<Bytes, Long> lastPositions;

    public Redeliveries(KeyValueStore<Bytes, Long> lastPositions) {
        this.lastPositions = lastPositions;
    }

    /** The store this needs, keyed by the change's record key (the row's primary key). */
    public static StoreBuilder<KeyValueStore<Bytes, Long>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.Long());
    }

    /** True if this row's change at {@code lsn} was seen before; otherwise remembers it and answers false. */
    public boolean seenBefore(byte[] rowKey, long lsn) {
        Bytes row = Bytes.wrap(rowKey);
        Long last = lastPositions.get(row);
        if (last != null && lsn <= last) {
            return true;
        }
        lastPositions.put(row, lsn);
        return false;
    }
}
