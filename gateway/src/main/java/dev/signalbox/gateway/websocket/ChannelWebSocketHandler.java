package dev.signalbox.gateway.websocket;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.session.ClientConnection;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;

/** The servlet transport (Spring's WebSocket on Tomcat) for {@link GatewaySession}: one session per connection. */
final class ChannelWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChannelWebSocketHandler.class);
    private static final String SESSION = "signalbox.session";

    private final ChannelHub hub;
    private final SessionSettings settings;

    ChannelWebSocketHandler(ChannelHub hub, SessionSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        GatewaySession session = new GatewaySession(hub, new SocketConnection(socket),
                (Viewer) socket.getAttributes().get(TokenHandshakeInterceptor.VIEWER), settings);
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
        public void send(Frame frame) throws IOException {
            socket.sendMessage(new TextMessage(frame.text()));
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
