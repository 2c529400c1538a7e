package dev.signalbox.gateway.websocket;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import reactor.netty.NettyPipeline;

import dev.signalbox.gateway.GatewayPaths;
import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.SessionSettings;

/**
 * The WebSocket endpoint at {@code /ws} on Reactor Netty as a plain Netty WebSocket
 * ({@code signalbox.gateway.reactive-websocket=netty}): each connection's pipeline gets a
 * {@link NettyWebSocketUpgrade} right after the HTTP codec, which answers {@code /ws} itself; SSE,
 * actuator and everything else stay WebFlux's. The same promises as WebFlux's endpoint
 * ({@link ReactiveWebSocketConfiguration}) with less kept per connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = GatewayProperties.REACTIVE_WEBSOCKET, havingValue = "netty", matchIfMissing = true)
class NettyWebSocketConfiguration {

    @Bean
    NettyServerCustomizer webSocketUpgrade(ChannelHub hub, SessionSettings settings, GatewayProperties properties) {
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                // Past it the decoder closes the session with 1009, as the other transports do.
                .maxFramePayloadLength((int) properties.maxFrameSize().toBytes())
                // The gateway offers no extensions (no per-message compression): the frames every session shares are encoded once.
                .allowExtensions(false)
                .build();
        // No subprotocols: the protocol has one, and no client names it.
        WebSocketServerHandshakerFactory handshakers = new WebSocketServerHandshakerFactory(GatewayPaths.WEBSOCKET, null, decoderConfig);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NettyWebSocketUpgrade.NAME,
                        new NettyWebSocketUpgrade(hub, settings, properties.allowedOrigins(), decoderConfig, handshakers));
            }
        });
    }
}
