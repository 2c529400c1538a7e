package dev.signalbox.gateway.protocol;

import java.util.Locale;

/** The stable error codes of the protocol; clients switch on these, so they never change meaning. */
public enum ErrorCode {
    /** The frame is not JSON, or not an object, or a field has the wrong type. */
    BAD_FRAME,
    /** The frame's {@code type} is not one the protocol knows. */
    UNKNOWN_TYPE,
    /** A required field is missing. */
    MISSING_FIELD,
    /** Not a channel name, or a channel of a domain this gateway does not serve. */
    INVALID_CHANNEL,
    /** A position that does not belong to the channel, or lies beyond its end. */
    INVALID_POSITION,
    /** The position asked for is older than the topic still holds; {@code earliest} says what it holds. */
    HISTORY_TRUNCATED,
    /** Private channels need an authenticated owner. */
    FORBIDDEN,
    /** A token that is not valid here: forged, expired, of another issuer or audience, or unsigned. */
    UNAUTHORIZED,
    /** The session already subscribes to the channel. */
    ALREADY_SUBSCRIBED,
    /** The session does not subscribe to the channel. */
    NOT_SUBSCRIBED,
    /** The session holds as many subscriptions as it may. */
    TOO_MANY_SUBSCRIPTIONS,
    /** More messages a second than the session may send; this one was dropped. */
    RATE_LIMITED,
    /** Something failed on the gateway's side; {@code ref} identifies it in the gateway's log. */
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
