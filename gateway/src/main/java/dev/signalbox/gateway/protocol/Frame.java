package dev.signalbox.gateway.protocol;

/**
 * One encoded message for clients. An event is encoded once by the tail and the same frame is
 * shared by every session that receives it.
 */
public record Frame(String text, int size) {

    public static Frame of(String text) {
        // UTF-16 length is close enough to bound queues by; exact byte counts would cost an encode.
        return new Frame(text, text.length());
    }
}
