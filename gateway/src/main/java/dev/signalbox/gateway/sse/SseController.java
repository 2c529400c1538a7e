package dev.signalbox.gateway.sse;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.session.ClientConnection;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;

/**
 * Server-Sent Events on the servlet stack, for clients that cannot use WebSocket: {@code GET /sse?channel=…&from=…} is
 * one session subscribed to one channel, with the same frames, positions, limits and promises as
 * the WebSocket. Each event's SSE {@code id} is its position, so a browser's {@code EventSource}
 * that reconnects sends {@code Last-Event-ID} and resumes exactly after the last event it saw.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SseController {

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
    @GetMapping(path = SseFrames.PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam String channel, @RequestParam(defaultValue = "latest") String from,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = dev.signalbox.gateway.auth.Authenticator.QUERY_PARAMETER, required = false) String queryToken) {
        Viewer viewer = SseFrames.viewer(settings.authenticator(), authorization, queryToken);
        // No server-side timeout: the stream lives until the client leaves or is too slow.
        SseEmitter emitter = new SseEmitter(0L);
        GatewaySession session = new GatewaySession(hub, new SseConnection(emitter), viewer, settings.withMaxSubscriptions(1));
        emitter.onCompletion(session::closed);
        emitter.onError(error -> session.closed());
        session.receive(SseFrames.subscribeFrame(channel, from, lastEventId));
        return emitter;
    }

    /** Each frame as one SSE event (see {@link SseFrames#event}). */
    private record SseConnection(SseEmitter emitter) implements ClientConnection {

        @Override
        public void send(Frame frame) throws IOException {
            SseFrames.Event event = SseFrames.event(frame.text());
            SseEmitter.SseEventBuilder sse = SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON);
            if (event.id() != null) {
                sse.id(event.id());
            }
            emitter.send(sse);
            if (event.ends()) {
                emitter.complete();
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                emitter.send(SseEmitter.event().name("close").data(SseFrames.closeData(code, reason), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                log.debug("The SSE client left before its close event", e);
            }
            emitter.complete();
        }
    }
}
