package dev.signalbox.gateway.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One encoded message for clients. An event is encoded once by the tail and the same frame is
 * shared by every session that receives it — as text, and, for a transport that writes bytes, as
 * the whole WebSocket frame on the wire, encoded on first use and then shared too.
 */
public final class Frame {

    private final String text;
    private final int size;
    private final String subject;
    private final long entityVersion;
    private final long eventTimeMillis;
    /** Computed on first use; a race computes equal arrays, so no lock is needed (as for String's hash). */
    private byte[] webSocketFrame;

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

    /**
     * The frame as one complete WebSocket text frame from a server (RFC 6455 section 5.2: final,
     * opcode 1, unmasked, no extensions), header and UTF-8 payload: the same bytes for every
     * session, so a transport can write them as they are. Callers must not change the array.
     */
    public byte[] webSocketFrame() {
        byte[] bytes = webSocketFrame;
        if (bytes == null) {
            bytes = webSocketTextFrame(text.getBytes(StandardCharsets.UTF_8));
            webSocketFrame = bytes;
        }
        return bytes;
    }

    static byte[] webSocketTextFrame(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) 0x81; // FIN, text
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
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
