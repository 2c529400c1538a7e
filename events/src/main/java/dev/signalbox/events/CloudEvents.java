package dev.signalbox.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents attributes as Kafka headers (the spec's Kafka protocol binding, binary mode), so any
 * Kafka consumer can read what a live record is without Signalbox's code.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /** The entity the event is about (CloudEvents {@code subject}), the key of its state record. */
    public static final String SUBJECT = "ce_subject";
    /**
     * The entity's version after the event (an extension attribute): its source position, such as
     * the database log position of the change. The same value as {@link StateRecord#version()}, so a
     * gateway joining a snapshot to the live stream can tell which live events the snapshot holds.
     */
    public static final String ENTITY_VERSION = "ce_entityversion";

    /** Every Signalbox event type is {@code dev.signalbox.<domain>.<kind>}. */
    public static final String TYPE_PREFIX = "dev.signalbox.";

    private CloudEvents() {
    }

    /**
     * The headers of one event.
     *
     * @param id     unique per source change: a re-delivered change keeps its id, so it can be dropped
     * @param source the producing stage, e.g. {@code /signalbox/processor/jobs}
     * @param type   the event type without {@link #TYPE_PREFIX}, e.g. {@code jobs.posted}
     * @param time   when the change happened at its source
     */
    public static Headers headers(String id, String source, String type, Instant time) {
        Headers headers = new RecordHeaders();
        headers.add(SPEC_VERSION, utf8("1.0"));
        headers.add(ID, utf8(id));
        headers.add(SOURCE, utf8(source));
        headers.add(TYPE, utf8(TYPE_PREFIX + type));
        headers.add(TIME, utf8(InstantText.format(time)));
        headers.add(CONTENT_TYPE, utf8("application/json"));
        return headers;
    }

    /** The headers of one event about an entity that has a state record: {@link #SUBJECT} and {@link #ENTITY_VERSION} too. */
    public static Headers headers(String id, String source, String type, Instant time, String subject, long entityVersion) {
        Headers headers = headers(id, source, type, time);
        headers.add(SUBJECT, utf8(subject));
        headers.add(ENTITY_VERSION, utf8(Long.toString(entityVersion)));
        return headers;
    }

    /** A header's value as text, or null when the record has none. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
