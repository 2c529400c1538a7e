package dev.signalbox.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes every open session with {@link CloseCodes#GOING_AWAY} as the gateway stops, so its clients
 * reconnect to another instance and resume at once rather than learn of it from a dropped
 * connection. It stops in the first phase, before the web server's graceful shutdown, which would
 * otherwise wait on these long-lived connections until its timeout.
 */
@Component
final class SessionShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionShutdown.class);

    private final GatewayMetrics metrics;
    private volatile boolean running;

    SessionShutdown(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        var sessions = metrics.openSessions();
        log.info("Shutting down: closing {} sessions with {} (going away)", sessions.size(), CloseCodes.GOING_AWAY);
        for (GatewaySession session : sessions) {
            try {
                session.goingAway();
            } catch (RuntimeException e) {
                // One connection that fails to close must not keep the others from being told.
                log.warn("A session could not be closed as going away; its connection drops with the server", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // The default phase stops first; Spring Boot's graceful web server shutdown is 1024 lower.
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
