package dev.signalbox.gateway.session;

/** WebSocket close codes the gateway uses; the 4000s are Signalbox's own (see PROTOCOL.md). */
public final class CloseCodes {

    /** The client read too slowly: its queue passed the bound. It may reconnect and resume. */
    public static final int TOO_SLOW = 4008;
    /** The session's token expired and was not refreshed in time; reconnect with a fresh one and resume. */
    public static final int TOKEN_EXPIRED = 4001;
    /** The user already holds as many sessions as one instance allows. */
    public static final int TOO_MANY_SESSIONS = 4029;
    /** The client sent a binary frame; the protocol has only text frames (RFC 6455's "unsupported data"). */
    public static final int BINARY_NOT_SUPPORTED = 1003;
    /** The gateway is shutting down; reconnect (to any instance) and resume. */
    public static final int GOING_AWAY = 1001;

    private CloseCodes() {
    }
}
