package dev.signalbox.gateway.websocket;


import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.SessionSettings;

/** The WebSocket endpoint at {@code /ws} on the servlet stack (Spring's WebSocket on Tomcat). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = dev.signalbox.gateway.GatewayPaths.WEBSOCKET;
    /** The protocol sends no binary frames; a client that does is closed with 1009 past this. */
    private static final int NO_BINARY_FRAMES = 1024;
    private static final int READ_BUFFER_BYTES = 2048;

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

    /**
     * Tomcat gives every connection a read and a write buffer of 8 KiB for as long as it is open;
     * for a push gateway's many long-lived, mostly idle connections that is a large part of each
     * session's heap. Client frames are small, so a 2 KiB read buffer does; writes keep 8 KiB so a
     * large frame still goes out in few system calls.
     */
    @Bean
    TomcatConnectorCustomizer smallReadBuffers() {
        return connector -> connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
    }

    /**
     * Tomcat refuses (close 1009) any client frame larger than these. It allocates both buffers for
     * every session up front (a text buffer of N chars is 2N bytes), so they are most of an idle
     * session's heap: the protocol's client frames are small JSON, and it has no binary frames.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) properties.maxFrameSize().toBytes());
        container.setMaxBinaryMessageBufferSize(NO_BINARY_FRAMES);
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }
}
