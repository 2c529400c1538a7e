package dev.signalbox.gateway.sse;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.signalbox.events.Json;
import dev.signalbox.gateway.auth.TokenVerifier;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.ClientConnection;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-Sent Events for clients that cannot use WebSocket: {@code GET /sse?channel=…&from=…} is
 * one session subscribed to one channel, with the same frames, positions, limits and promises as
 * the WebSocket. Each event's SSE {@code id} is its position, so a browser's {@code EventSource}
 * that reconnects sends {@code Last-Event-ID} and resumes exactly after the last event it saw.
 */
@RestController
class SseController {

    static final String PATH = "/sse";
    private static final Logger log = LoggerFactory.getLogger(SseController.class);

    private final ChannelHub hub;
    private final SessionSettings settings;

    SseController(ChannelHub hub, SessionSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    /**
     * @param from        {@code latest} (the default), {@code snapshot}, a position, or an ISO-8601 time
     * @param lastEventId the last position the client saw, sent by {@code EventSource} on reconnect; wins over {@code from}
     */
    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam String channel, @RequestParam(defaultValue = "latest") String from,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = dev.signalbox.gateway.auth.Authenticator.QUERY_PARAMETER, required = false) String queryToken) {
        Viewer viewer;
        try {
            viewer = settings.authenticator().viewer(authorization, queryToken);
        } catch (TokenVerifier.InvalidTokenException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        // No server-side timeout: the stream lives until the client leaves or is too slow.
        SseEmitter emitter = new SseEmitter(0L);
        GatewaySession session = new GatewaySession(hub, new SseConnection(emitter), viewer, settings.withMaxSubscriptions(1));
        emitter.onCompletion(session::closed);
        emitter.onError(error -> session.closed());
        session.receive(subscribeFrame(channel, lastEventId != null && !lastEventId.isBlank() ? lastEventId : from));
        return emitter;
    }

    /** The protocol's subscribe frame for these query parameters. */
    private static String subscribeFrame(String channel, String from) {
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("type", "subscribe");
        frame.put("channel", channel);
        if (from.equals("latest") || from.equals("snapshot")) {
            frame.put("from", from);
        } else if (from.matches("\\d+--?\\d+(,\\d+--?\\d+)*")) { // a position, or a wildcard's one per partition
            frame.putObject("from").put("position", from);
        } else {
            frame.putObject("from").put("time", from);
        }
        return frame.toString();
    }

    /** Each frame as one SSE event named by its type, with its position (if it has one) as the id. */
    private record SseConnection(SseEmitter emitter) implements ClientConnection {

        @Override
        public void send(String frame) throws IOException {
            JsonNode parsed = Json.MAPPER.readTree(frame);
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(parsed.path("type").asString("message")).data(frame, MediaType.APPLICATION_JSON);
            String position = parsed.path("position").asString(null);
            if (position != null) {
                event.id(position);
            }
            emitter.send(event);
            if ("error".equals(parsed.path("type").asString())) {
                // A stream holds one subscription; an error means it did not start or has ended.
                emitter.complete();
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                ObjectNode frame = Json.MAPPER.createObjectNode();
                frame.put("type", "close");
                frame.put("code", code);
                frame.put("reason", reason);
                emitter.send(SseEmitter.event().name("close").data(frame.toString(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                log.debug("The SSE client left before its close event", e);
            }
            emitter.complete();
        }
    }
}
