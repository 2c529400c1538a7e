package dev.signalbox.processor.routing;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import dev.signalbox.events.Json;

/**
 * Writes routed results to their topics: live events (JSON) to the live topic keyed by channel,
 * states (JSON, or a tombstone) to the compacted state topic keyed by entity, rejected records'
 * original bytes to the dead-letter topic. Every node is named after {@code name}, so several
 * routers in one topology read well in its description.
 */
public final class RoutedSinks {

    private RoutedSinks() {
    }

    /**
     * @param liveTopic  the live topic, or null when this stream has no live events
     * @param stateTopic the compacted state topic, or null when this stream has no state
     */
    public static void write(KStream<byte[], Routed> routed, String name, String liveTopic, String stateTopic, String deadLetterTopic) {
        write(routed, name, liveTopic, stateTopic, deadLetterTopic, false);
    }

    /**
     * Writes like {@link #write}, and returns the {@link Routed.Forward} results' values, keyed by
     * their new key, for a later stage of the topology.
     */
    public static KStream<byte[], Object> writeAndForward(KStream<byte[], Routed> routed, String name, String liveTopic, String stateTopic,
            String deadLetterTopic) {
        return write(routed, name, liveTopic, stateTopic, deadLetterTopic, true);
    }

    private static KStream<byte[], Object> write(KStream<byte[], Routed> routed, String name, String liveTopic, String stateTopic,
            String deadLetterTopic, boolean forwards) {
        var split = routed.split(Named.as(name + "-"))
                .branch((key, result) -> result instanceof Routed.Rejected, Branched.as("rejected"));
        if (liveTopic != null) {
            split = split.branch((key, result) -> result instanceof Routed.Live, Branched.as("live"));
        }
        if (forwards) {
            split = split.branch((key, result) -> result instanceof Routed.Forward, Branched.as("forward"));
        }
        if (stateTopic != null) {
            split = split.branch((key, result) -> result instanceof Routed.State, Branched.as("state"));
        }
        // A result no branch takes is a programming error in a route: fail loudly, never drop it.
        var branches = split.defaultBranch(Branched.withConsumer(unexpected -> unexpected.foreach((key, result) -> {
            throw new IllegalStateException(name + " has no topic for " + result.getClass().getSimpleName());
        }, Named.as(name + "-unexpected")), "unrouted"));

        if (liveTopic != null) {
            branches.get(name + "-live")
                    .mapValues(result -> Json.MAPPER.writeValueAsBytes(((Routed.Live) result).event()), Named.as(name + "-encode-event"))
                    .to(liveTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-live-sink"));
        }

        if (stateTopic != null) {
            branches.get(name + "-state")
                    .mapValues(result -> {
                        Routed.State state = (Routed.State) result;
                        return state.state() == null ? null : Json.MAPPER.writeValueAsBytes(state.state());
                    }, Named.as(name + "-encode-state"))
                    .to(stateTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-state-sink"));
        }

        branches.get(name + "-rejected")
                .mapValues(result -> ((Routed.Rejected) result).original(), Named.as(name + "-original-bytes"))
                .to(deadLetterTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-dead-letter-sink"));
        return forwards ? branches.get(name + "-forward").mapValues(result -> ((Routed.Forward) result).value(), Named.as(name + "-forward-value"))
                : null;
    }
}
