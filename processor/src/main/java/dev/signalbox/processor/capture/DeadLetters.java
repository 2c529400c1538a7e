package dev.signalbox.processor.capture;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers a dead-lettered record carries: its own, plus the error and where it was read from,
 * so it can be found, understood and replayed.
 */
public final class DeadLetters {

    public static final String ERROR = "signalbox.error";
    public static final String SOURCE_TOPIC = "signalbox.source.topic";
    public static final String SOURCE_PARTITION = "signalbox.source.partition";
    public static final String SOURCE_OFFSET = "signalbox.source.offset";

    private DeadLetters() {
    }

    public static Headers headers(Headers original, Exception error, Optional<RecordMetadata> source) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.add(ERROR, utf8(error.getClass().getSimpleName() + ": " + error.getMessage()));
        source.ifPresent(metadata -> {
            headers.add(SOURCE_TOPIC, utf8(metadata.topic()));
            headers.add(SOURCE_PARTITION, utf8(String.valueOf(metadata.partition())));
            headers.add(SOURCE_OFFSET, utf8(String.valueOf(metadata.offset())));
        });
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
