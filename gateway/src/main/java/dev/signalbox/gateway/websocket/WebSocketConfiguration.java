package dev.signalbox.gateway.websocket;

import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.GatewayMetrics;
import dev.signalbox.gateway.session.SessionWritersConfiguration;

/** The WebSocket endpoint at {@code /ws}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final ChannelHub hub;
    private final GatewayProperties properties;
    private final ExecutorService writers;

    private final Authenticator authenticator;
    private final GatewayMetrics metrics;

    WebSocketConfiguration(ChannelHub hub, GatewayProperties properties, @Qualifier(SessionWritersConfiguration.BEAN) ExecutorService writers,
            Authenticator authenticator, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.hub = hub;
        this.properties = properties;
        this.writers = writers;
        this.authenticator = authenticator;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry.addHandler(new ChannelWebSocketHandler(hub, writers, properties, authenticator, metrics), PATH)
                .addInterceptors(new TokenHandshakeInterceptor(authenticator));
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
