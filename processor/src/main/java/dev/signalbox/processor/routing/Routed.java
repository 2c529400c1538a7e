package dev.signalbox.processor.routing;

import org.apache.kafka.common.header.Headers;

import dev.signalbox.events.Channel;
import dev.signalbox.events.StateRecord;

/** What one input record becomes: any number of these, each to its own topic. */
public sealed interface Routed {

    /** An event on a channel, appended to the channel's live topic with CloudEvents headers. */
    record Live(Channel channel, Object event, Headers headers) implements Routed {
    }

    /** The latest state of an entity in a compacted state topic; a null state removes the entity. */
    record State(String entity, StateRecord state) implements Routed {

        public static State removed(String entity) {
            return new State(entity, null);
        }
    }

    /** A result for a later stage of the same topology, under a new key (for example to repartition by it). */
    record Forward(String key, Object value) implements Routed {
    }

    /** An unusable input: its original bytes go to the dead-letter topic, the error in the headers. */
    record Rejected(byte[] original, Headers headers) implements Routed {
    }
}
