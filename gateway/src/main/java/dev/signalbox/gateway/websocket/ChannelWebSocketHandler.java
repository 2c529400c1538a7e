package dev.signalbox.gateway.websocket;

import java.io.IOException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.ClientConnection;
import dev.signalbox.gateway.session.GatewayMetrics;
import dev.signalbox.gateway.session.GatewaySession;

/** Spring's servlet WebSocket transport for {@link GatewaySession}: one session per connection. */
final class ChannelWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChannelWebSocketHandler.class);
    private static final String SESSION = "signalbox.session";

    private final ChannelHub hub;
    private final Executor writers;
    private final GatewayProperties properties;

    private final Authenticator authenticator;

    private final GatewayMetrics metrics;

    ChannelWebSocketHandler(ChannelHub hub, Executor writers, GatewayProperties properties, Authenticator authenticator, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.hub = hub;
        this.writers = writers;
        this.properties = properties;
        this.authenticator = authenticator;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        GatewaySession session = new GatewaySession(hub, new SocketConnection(socket), writers,
                properties.maxQueuedPerSession().toBytes(), properties.maxSubscriptionsPerSession(),
                (Viewer) socket.getAttributes().get(TokenHandshakeInterceptor.VIEWER), authenticator, metrics);
        socket.getAttributes().put(SESSION, session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        session(socket).receive(message.getPayload());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        GatewaySession session = session(socket);
        if (session != null) {
            session.closed();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable error) {
        log.debug("WebSocket transport error on {}", socket.getId(), error);
    }

    private static GatewaySession session(WebSocketSession socket) {
        return (GatewaySession) socket.getAttributes().get(SESSION);
    }

    private record SocketConnection(WebSocketSession socket) implements ClientConnection {

        @Override
        public void send(String frame) throws IOException {
            socket.sendMessage(new TextMessage(frame));
        }

        @Override
        public void close(int code, String reason) {
            try {
                socket.close(new CloseStatus(code, reason));
            } catch (IOException e) {
                log.debug("Closing {} failed; it is gone either way", socket.getId(), e);
            }
        }
    }
}
