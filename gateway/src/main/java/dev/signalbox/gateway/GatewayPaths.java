package dev.signalbox.gateway;

/** Where the gateway's streams are served; named once, used by each transport and by the metrics. */
public final class GatewayPaths {

    /** The WebSocket endpoint. */
    public static final String WEBSOCKET = "/ws";
    /** The Server-Sent Events endpoint. */
    public static final String SSE = "/sse";

    private GatewayPaths() {
    }
}
