package dev.signalbox.processor.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.signalbox.processor.capture.DeadLetters;

/** Forwards routed results keyed for their topics: a live event by channel, a state by entity, a forward by its new key. */
public final class Forwarding {

    private Forwarding() {
    }

    public static <K, V> void forward(ProcessorContext<byte[], Routed> context, Record<K, V> input, List<Routed> results) {
        for (Routed result : results) {
            if (result instanceof Routed.Live live) {
                context.forward(new Record<byte[], Routed>(utf8(live.channel().name()), live, input.timestamp(), live.headers()));
            } else if (result instanceof Routed.State state) {
                context.forward(new Record<byte[], Routed>(utf8(state.entity()), state, input.timestamp()));
            } else if (result instanceof Routed.Forward forward) {
                context.forward(new Record<byte[], Routed>(utf8(forward.key()), forward, input.timestamp(), input.headers()));
            } else {
                throw new IllegalStateException("a route does not reject; it throws");
            }
        }
    }

    /** Sends the input's original bytes to the dead-letter branch, with the error and where it was read from. */
    public static void reject(ProcessorContext<byte[], Routed> context, Record<byte[], byte[]> input, Exception error) {
        Headers headers = DeadLetters.headers(input.headers(), error, context.recordMetadata());
        context.forward(new Record<byte[], Routed>(input.key(), new Routed.Rejected(input.value(), headers), input.timestamp(), headers));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
