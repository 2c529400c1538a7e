package dev.signalbox.gateway.session;

import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.auth.Authenticator;

/**
 * What every session needs besides its connection and its viewer, whatever the transport.
 *
 * @param writers             the threads that write queued frames to clients
 * @param maxQueuedBytes      outbound bytes a session may have waiting before it is too slow
 * @param maxSubscriptions    subscriptions one session may hold
 * @param maxInboundPerSecond messages a client may send per second (a burst of as many is allowed)
 * @param flushDelay          how long a session writing on an event loop may wait to write more at once
 */
public record SessionSettings(ExecutorService writers, long maxQueuedBytes, int maxSubscriptions, int maxInboundPerSecond,
        Authenticator authenticator, GatewayMetrics metrics, UserSessions userSessions, FlushDelay flushDelay) {

    /** The same settings with another subscription limit (an SSE stream holds exactly one). */
    public SessionSettings withMaxSubscriptions(int limit) {
        return new SessionSettings(writers, maxQueuedBytes, limit, maxInboundPerSecond, authenticator, metrics, userSessions, flushDelay);
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        SessionSettings sessionSettings(GatewayProperties properties, @Qualifier(SessionWritersConfiguration.BEAN) ExecutorService writers,
                Authenticator authenticator, GatewayMetrics metrics) {
            return new SessionSettings(writers, properties.maxQueuedPerSession().toBytes(), properties.maxSubscriptionsPerSession(),
                    properties.maxInboundPerSecond(), authenticator, metrics, new UserSessions(properties.maxSessionsPerUser()),
                    new FlushDelay(properties.flushDelay()));
        }
    }
}
