package dev.signalbox.gateway.sse;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.session.ClientConnection;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Server-Sent Events on WebFlux: the same stream as {@link SseController} — one session
 * subscribed to one channel, each event's id its position, {@code Last-Event-ID} resuming after it.
 * The session's outbox writes only as fast as the response asks for events, so a client that stops
 * reading fills the outbox's bound and is closed as too slow, as on the WebSocket.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveSseController {

    private final ChannelHub hub;
    private final SessionSettings settings;

    ReactiveSseController(ChannelHub hub, SessionSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    /** Parameters as for {@link SseController#stream}. */
    @GetMapping(path = SseFrames.PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@RequestParam String channel, @RequestParam(defaultValue = "latest") String from,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = Authenticator.QUERY_PARAMETER, required = false) String queryToken) {
        Viewer viewer = SseFrames.viewer(settings.authenticator(), authorization, queryToken);
        // The outbox holds what the response has not asked for yet; this sink's own buffer only
        // ever holds what was asked for.
        return Flux.create(sink -> {
            GatewaySession session = new GatewaySession(hub, new SinkConnection(sink), viewer, settings.withMaxSubscriptions(1));
            sink.onDispose(session::closed);
            session.receive(SseFrames.subscribeFrame(channel, from, lastEventId));
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** A session's frames as SSE events into the response's sink, as fast as the response requests them. */
    private static final class SinkConnection implements ClientConnection {

        private final FluxSink<ServerSentEvent<String>> sink;
        private final AtomicReference<Runnable> resume = new AtomicReference<>();

        SinkConnection(FluxSink<ServerSentEvent<String>> sink) {
            this.sink = sink;
            sink.onRequest(requested -> {
                Runnable waiting = resume.getAndSet(null);
                if (waiting != null) {
                    waiting.run();
                }
            });
        }

        @Override
        public void send(Frame frame) {
            SseFrames.Event event = SseFrames.event(frame.text());
            ServerSentEvent.Builder<String> sse = ServerSentEvent.builder(event.data()).event(event.name());
            if (event.id() != null) {
                sse.id(event.id());
            }
            sink.next(sse.build());
            if (event.ends()) {
                sink.complete();
            }
        }

        @Override
        public boolean writable() {
            return sink.requestedFromDownstream() > 0;
        }

        @Override
        public void whenWritable(Runnable resume) {
            this.resume.set(resume);
        }

        @Override
        public void close(int code, String reason) {
            sink.next(ServerSentEvent.builder(SseFrames.closeData(code, reason)).event("close").build());
            sink.complete();
        }
    }
}
