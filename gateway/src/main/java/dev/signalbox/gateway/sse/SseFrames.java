package dev.signalbox.gateway.sse;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import dev.signalbox.events.Json;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.TokenVerifier;
import dev.signalbox.gateway.auth.Viewer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What an SSE stream says, on either web stack: who asks, the subscribe the request stands for, and each frame as an event. */
final class SseFrames {

    static final String PATH = dev.signalbox.gateway.GatewayPaths.SSE;

    private SseFrames() {
    }

    /**
     * One SSE event: named by the frame's type, with its position (if it has one) as the id.
     *
     * @param ends true for an error: a stream holds one subscription, so it did not start or has ended
     */
    record Event(String name, String id, String data, boolean ends) {
    }

    /** Who a stream's request is from; a bad token is refused with 401 before any session exists. */
    static Viewer viewer(Authenticator authenticator, String authorization, String queryToken) {
        try {
            return authenticator.viewer(authorization, queryToken);
        } catch (TokenVerifier.InvalidTokenException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
    }

    static Event event(String frame) {
        JsonNode parsed = Json.MAPPER.readTree(frame);
        String type = parsed.path("type").asString("message");
        return new Event(type, parsed.path("position").asString(null), frame, "error".equals(type));
    }

    /** The last event of a stream the gateway closes, with the close code a WebSocket would get. */
    static String closeData(int code, String reason) {
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("type", "close");
        frame.put("code", code);
        frame.put("reason", reason);
        return frame.toString();
    }

    /**
     * The protocol's subscribe frame for a request's parameters.
     *
     * @param from        {@code latest}, {@code snapshot}, a position, or an ISO-8601 time
     * @param lastEventId the last position the client saw, sent by {@code EventSource} on reconnect; wins over {@code from}
     */
    static String subscribeFrame(String channel, String from, String lastEventId) {
        String start = lastEventId != null && !lastEventId.isBlank() ? lastEventId : from;
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("type", "subscribe");
        frame.put("channel", channel);
        if (start.equals("latest") || start.equals("snapshot")) {
            frame.put("from", start);
        } else if (start.matches("\\d+--?\\d+(,\\d+--?\\d+)*")) { // a position, or a wildcard's one per partition
            frame.putObject("from").put("position", start);
        } else {
            frame.putObject("from").put("time", start);
        }
        return frame.toString();
    }
}
