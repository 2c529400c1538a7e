package dev.signalbox.gateway.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One encoded message for clients. An event is encoded once by the tail and the same frame is
 * shared by every session that receives it — as text, and as UTF-8 bytes for transports that write
 * bytes, encoded on first use and then shared too.
 */
public final class Frame {

    private final String text;
    private final int size;
    private final String subject;
    private final long entityVersion;
    private final long eventTimeMillis;
    /** Computed on first use; a race computes equal arrays, so no lock is needed (as for String's hash). */
    private byte[] utf8;

    private Frame(String text, int size, String subject, long entityVersion, long eventTimeMillis) {
        this.text = text;
        this.size = size;
        this.subject = subject;
        this.entityVersion = entityVersion;
        this.eventTimeMillis = eventTimeMillis;
    }

    public static Frame of(String text) {
        // UTF-16 length is close enough to bound queues by; exact byte counts would cost an encode.
        return new Frame(text, text.length(), null, -1, -1);
    }

    /** The same frame, marked as an event about {@code subject} at {@code entityVersion}. */
    public Frame about(String subject, long entityVersion) {
        return new Frame(text, size, subject, entityVersion, eventTimeMillis);
    }

    /** The same frame, marked as an event published at {@code eventTimeMillis}. */
    public Frame publishedAt(long eventTimeMillis) {
        return new Frame(text, size, subject, entityVersion, eventTimeMillis);
    }

    public String text() {
        return text;
    }

    /** The frame's text as UTF-8, shared by every session: callers must not change it. */
    public byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /** About the frame's size in bytes, for bounding queues. */
    public int size() {
        return size;
    }

    /** For an event about an entity with a state record, the entity ({@code ce_subject}); else null. */
    public String subject() {
        return subject;
    }

    /** That entity's version after the event ({@code ce_entityversion}); else -1. */
    public long entityVersion() {
        return entityVersion;
    }

    /** For an event, when it was published (its record's timestamp); else -1. */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    @Override
    public String toString() {
        return text;
    }
}
