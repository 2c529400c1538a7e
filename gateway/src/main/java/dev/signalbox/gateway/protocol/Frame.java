package dev.signalbox.gateway.protocol;

/**
 * One encoded message for clients. An event is encoded once by the tail and the same frame is
 * shared by every session that receives it.
 *
 * @param subject       for an event about an entity with a state record, the entity ({@code ce_subject}); else null
 * @param entityVersion that entity's version after the event ({@code ce_entityversion}); else -1
 * @param eventTimeMillis for an event, when it was published (its record's timestamp); else -1
 */
public record Frame(String text, int size, String subject, long entityVersion, long eventTimeMillis) {

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
}
