package dev.signalbox.gateway.websocket;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.SessionSettings;

/** The WebSocket endpoint at {@code /ws}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final ChannelHub hub;
    private final GatewayProperties properties;
    private final SessionSettings settings;

    WebSocketConfiguration(ChannelHub hub, GatewayProperties properties, SessionSettings settings) {
        this.hub = hub;
        this.properties = properties;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry.addHandler(new ChannelWebSocketHandler(hub, settings), PATH)
                .addInterceptors(new TokenHandshakeInterceptor(settings.authenticator()));
        // Without a list only same-origin pages may connect: no cross-site WebSocket hijacking.
        if (!properties.allowedOrigins().isEmpty()) {
            registration.setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
        }
    }

    /** Tomcat refuses (close 1009) any client frame larger than this. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) properties.maxFrameSize().toBytes());
        container.setMaxBinaryMessageBufferSize((int) properties.maxFrameSize().toBytes());
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }
}
