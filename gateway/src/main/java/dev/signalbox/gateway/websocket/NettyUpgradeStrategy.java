package dev.signalbox.gateway.websocket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.CollectionUtils;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Spring's Reactor Netty upgrade, done as Spring's {@code ReactorNettyRequestUpgradeStrategy}
 * does it, plus two things: the session's Netty connection, put in the session's attributes under
 * {@link #CONNECTION}, so frames can be written to the channel directly — many per flush, on the
 * channel's event loop — instead of through a reactive publisher per session; and the request's
 * attributes named in {@code carried} (what the handshake found out), copied there too.
 */
final class NettyUpgradeStrategy implements RequestUpgradeStrategy {

    static final String CONNECTION = "signalbox.netty-connection";

    private final int maxFramePayloadBytes;
    private final List<String> carried;

    NettyUpgradeStrategy(int maxFramePayloadBytes, List<String> carried) {
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.carried = carried;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse nettyResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo request = handshakeInfoFactory.get();
        Map<String, Object> attributes = new HashMap<>(4);
        carried.forEach(name -> attributes.put(name, exchange.getAttribute(name)));
        // The session keeps what it uses, not a copy of every request header and cookie: that is
        // heap for as long as the connection lives, times every idle connection.
        HandshakeInfo handshakeInfo = new HandshakeInfo(request.getUri(), HttpHeaders.EMPTY, CollectionUtils.toMultiValueMap(Map.of()),
                Mono.empty(), request.getSubProtocol(), request.getRemoteAddress(), attributes, request.getLogPrefix());
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        WebsocketServerSpec.Builder specBuilder = WebsocketServerSpec.builder().maxFramePayloadLength(maxFramePayloadBytes);
        if (subProtocol != null) {
            specBuilder.protocols(subProtocol);
        }
        WebsocketServerSpec spec = specBuilder.build();
        // Completing the response first runs WebFlux's pre-commit actions, as Spring's strategy does.
        return response.setComplete().then(Mono.defer(() -> nettyResponse.sendWebsocket((inbound, outbound) -> {
            inbound.withConnection(connection -> attributes.put(CONNECTION, connection));
            ReactorNettyWebSocketSession session = new ReactorNettyWebSocketSession(inbound, outbound, handshakeInfo, bufferFactory,
                    spec.maxFramePayloadLength());
            return handler.handle(session);
        }, spec)));
    }
}
