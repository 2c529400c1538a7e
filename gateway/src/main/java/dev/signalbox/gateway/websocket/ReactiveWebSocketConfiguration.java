package dev.signalbox.gateway.websocket;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.TokenVerifier;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.CloseCodes;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The WebSocket endpoint at {@code /ws} on WebFlux's WebSocket API and Reactor Netty
 * ({@code signalbox.gateway.reactive-websocket=webflux}; {@link NettyWebSocketConfiguration} is the default), with the same promises as
 * the servlet one ({@link WebSocketConfiguration}): the handshake refuses a foreign Origin (403)
 * and a bad token (401) before any session exists, client frames past the size limit close the
 * session with 1009, and binary frames, which the protocol has none of, with 1003.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = GatewayProperties.REACTIVE_WEBSOCKET, havingValue = "webflux")
class ReactiveWebSocketConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReactiveWebSocketConfiguration.class);

    @Bean
    HandlerMapping webSocketMapping(ChannelHub hub, SessionSettings settings) {
        // Before the annotated controllers' mapping, which knows nothing of /ws.
        return new SimpleUrlHandlerMapping(Map.of(WebSocketConfiguration.PATH, new SessionHandler(hub, settings)), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(SessionSettings settings, GatewayProperties properties) {
        int maxFrameBytes = (int) properties.maxFrameSize().toBytes();
        return new WebSocketHandlerAdapter(new CheckedHandshake(new NettyUpgradeStrategy(maxFrameBytes, List.of(TokenHandshakeInterceptor.VIEWER)), settings.authenticator(), properties.allowedOrigins()));
    }

    /** Refuses a foreign Origin and a bad token before the upgrade; hands the token's viewer to the session. */
    private static final class CheckedHandshake extends HandshakeWebSocketService {

        private final Authenticator authenticator;
        private final List<String> allowedOrigins;

        CheckedHandshake(NettyUpgradeStrategy upgrade, Authenticator authenticator, List<String> allowedOrigins) {
            super(upgrade);
            this.authenticator = authenticator;
            this.allowedOrigins = allowedOrigins;
        }

        @Override
        public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
            // Without a list only same-origin pages may connect: no cross-site WebSocket hijacking.
            String origin = exchange.getRequest().getHeaders().getOrigin();
            if (CorsUtils.isCorsRequest(exchange.getRequest()) && !allowedOrigins.contains(origin) && !allowedOrigins.contains("*")) {
                return refuse(exchange, HttpStatus.FORBIDDEN);
            }
            try {
                exchange.getAttributes().put(TokenHandshakeInterceptor.VIEWER, authenticator.viewer(
                        exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
                        exchange.getRequest().getQueryParams().getFirst(Authenticator.QUERY_PARAMETER)));
            } catch (TokenVerifier.InvalidTokenException e) {
                return refuse(exchange, HttpStatus.UNAUTHORIZED);
            }
            return super.handleRequest(exchange, handler);
        }

        private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status) {
            exchange.getResponse().setStatusCode(status);
            return exchange.getResponse().setComplete();
        }
    }

    /** One {@link GatewaySession} per connection, its frames written by a {@link NettyChannelConnection}. */
    private record SessionHandler(ChannelHub hub, SessionSettings settings) implements WebSocketHandler {

        @Override
        public Mono<Void> handle(WebSocketSession socket) {
            NettyChannelConnection.Closer closer = (code, reason) -> socket.close(new CloseStatus(code, reason))
                    .subscribe(null, error -> log.debug("Closing {} failed; it is gone either way", socket.getId(), error));
            NettyChannelConnection connection = NettyChannelConnection.onReactorConnection((Connection) socket.getAttributes().get(NettyUpgradeStrategy.CONNECTION), closer);
            GatewaySession session = new GatewaySession(hub, connection, (Viewer) socket.getAttributes().get(TokenHandshakeInterceptor.VIEWER), settings);
            return socket.receive()
                    .doOnNext(message -> {
                        if (message.getType() == WebSocketMessage.Type.TEXT) {
                            session.receive(message.getPayloadAsText());
                        } else if (message.getType() == WebSocketMessage.Type.BINARY) {
                            connection.close(CloseCodes.BINARY_NOT_SUPPORTED, "binary frames are not part of the protocol");
                        }
                    })
                    .doFinally(signal -> session.closed())
                    .then();
        }
    }
}
