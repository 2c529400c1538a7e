package dev.signalbox.gateway.session;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.signalbox.gateway.GatewayPaths;
import io.micrometer.observation.ObservationPredicate;

/**
 * Leaves the gateway's streams out of the {@code http.server.requests} timer: a WebSocket or SSE
 * "request" lasts as long as the client stays, hours, which says nothing about request latency
 * and would swamp it; {@link GatewayMetrics} measures sessions instead. It also spares every open
 * session the observation's state for as long as it lives.
 */
@Configuration(proxyBeanMethods = false)
class StreamObservations {

    private static final Set<String> STREAMS = Set.of(GatewayPaths.WEBSOCKET, GatewayPaths.SSE);

    @Bean
    ObservationPredicate noRequestObservationForStreams() {
        return (name, context) -> {
            if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive) {
                return !STREAMS.contains(reactive.getCarrier().getPath().value());
            }
            if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext servlet) {
                return !STREAMS.contains(servlet.getCarrier().getRequestURI());
            }
            return true;
        };
    }
}
