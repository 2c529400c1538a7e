package dev.signalbox.gateway;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway can be told, under {@code signalbox.gateway}.
 *
 * @param liveTopics               the live topic of each channel domain ({@code jobs} → {@code live.jobs})
 * @param stateTopics              the compacted state topics of each domain, read to answer {@code snapshot} subscriptions
 * @param maxQueuedPerSession      outbound bytes a session may have waiting; past it the client is too slow
 * @param maxSubscriptionsPerSession subscriptions one session may hold
 * @param maxFrameSize             the largest frame a client may send
 * @param catchUpThreads           threads reading history for resuming subscriptions
 * @param writerThreads            threads writing queued frames to clients: servlet WebSockets and SSE streams (a
 *                                 Reactor Netty WebSocket writes on its connection's event loop)
 * @param allowedOrigins           other origins allowed to open a WebSocket (the gateway's own always is)
 * @param sendTimeLimit            (servlet transport) how long one write to a client may block before it is dropped; on
 *                                 Reactor Netty writes never block: a socket that takes nothing fills the outbox instead
 * @param auth                     who may connect and watch what
 * @param maxInboundPerSecond      messages a client may send per second; past it each is answered {@code rate-limited}
 * @param maxSessionsPerUser       sessions one authenticated user may hold on one instance
 * @param flushDelay               (reactive transport, WebSocket) how long a session's writes may wait to leave together in
 *                                 one system call; zero writes each at once. Adds up to the delay to every frame's latency
 * @param reactiveWebsocket        (reactive transport) what serves {@code /ws}: {@code netty}, the gateway's own handler
 *                                 in Reactor Netty's pipeline (the default: less heap per idle session, see BENCHMARKS.md),
 *                                 or {@code webflux}, WebFlux's WebSocket API
 */
@ConfigurationProperties("signalbox.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, String> liveTopics,
        @DefaultValue Map<String, java.util.List<String>> stateTopics,
        @DefaultValue("1MB") DataSize maxQueuedPerSession,
        @DefaultValue("100") int maxSubscriptionsPerSession,
        @DefaultValue("8KB") DataSize maxFrameSize,
        @DefaultValue("2") int catchUpThreads,
        @DefaultValue("4") int writerThreads,
        @DefaultValue java.util.List<String> allowedOrigins,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue Auth auth,
        @DefaultValue("50") int maxInboundPerSecond,
        @DefaultValue("20") int maxSessionsPerUser,
        @DefaultValue("0ms") Duration flushDelay,
        @DefaultValue("netty") String reactiveWebsocket) {

    /** The property that picks what serves {@code /ws} on the reactive transport. */
    public static final String REACTIVE_WEBSOCKET = "signalbox.gateway.reactive-websocket";

    public GatewayProperties {
        // Each value switches on one endpoint configuration; any other would leave /ws unserved.
        if (!reactiveWebsocket.equalsIgnoreCase("netty") && !reactiveWebsocket.equalsIgnoreCase("webflux")) {
            throw new IllegalArgumentException(REACTIVE_WEBSOCKET + " is netty or webflux, not " + reactiveWebsocket);
        }
        if (liveTopics == null || liveTopics.isEmpty()) {
            liveTopics = Map.of("jobs", dev.signalbox.events.Topics.LIVE_JOBS);
        }
        if (stateTopics == null || stateTopics.isEmpty()) {
            stateTopics = Map.of(
                    "jobs", java.util.List.of(dev.signalbox.events.Topics.STATE_JOBS_POSTINGS),
                    "sports", java.util.List.of(dev.signalbox.events.Topics.STATE_SPORTS_SCOREBOARDS),
                    "transit", java.util.List.of(dev.signalbox.events.Topics.STATE_TRANSIT_VEHICLES, dev.signalbox.events.Topics.STATE_TRANSIT_ROUTES));
        }
    }

    /**
     * Authentication: a JWT as {@code Authorization: Bearer …} or the {@code access_token} query
     * parameter (browsers cannot set headers on a WebSocket), checked at connect and when the
     * client refreshes it in-band.
     *
     * @param hmacSecret     HS256 secret (at least 32 bytes), for development and tests
     * @param jwkSetUri      the identity provider's JWKS URI, for production; wins over the secret
     * @param issuer         the required {@code iss}, if set
     * @param audience       the required {@code aud}, if set
     * @param allowAnonymous sessions without a token may watch public channels
     * @param rolesClaim     the claim holding the user's roles
     * @param adminRole      the role that may watch every user's private channels
     */
    public record Auth(
            String hmacSecret,
            String jwkSetUri,
            String issuer,
            String audience,
            @DefaultValue("true") boolean allowAnonymous,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("admin") String adminRole) {
    }
}
