package dev.signalbox.gateway.websocket;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.channel.ChannelHub;

/** The WebSocket endpoint at {@code /ws}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final ChannelHub hub;
    private final GatewayProperties properties;
    private final ExecutorService writers;

    WebSocketConfiguration(ChannelHub hub, GatewayProperties properties) {
        this.hub = hub;
        this.properties = properties;
        AtomicInteger number = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "signalbox-writer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry.addHandler(new ChannelWebSocketHandler(hub, writers, properties), PATH);
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
