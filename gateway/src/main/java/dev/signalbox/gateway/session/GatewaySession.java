package dev.signalbox.gateway.session;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Position;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.TokenVerifier;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.channel.Subscription;
import dev.signalbox.gateway.channel.Subscriber;
import dev.signalbox.gateway.protocol.ClientMessage;
import dev.signalbox.gateway.protocol.ErrorCode;
import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.protocol.ProtocolException;
import dev.signalbox.gateway.protocol.ServerFrames;

/**
 * One client's session: the protocol's state machine, independent of the transport. Frames come
 * in through {@link #receive}; everything going out passes through the session's bounded outbox.
 */
public final class GatewaySession implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(GatewaySession.class);

    private final ChannelHub hub;
    private final int maxSubscriptions;
    private final Outbox outbox;
    private final ClientConnection connection;
    private final GatewayMetrics metrics;
    private final Authenticator authenticator;
    private final InboundRate inboundRate;
    private final UserSessions userSessions;
    /** The user this session counts against in {@link UserSessions}; null for anonymous or refused sessions. */
    private final String countedUser;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    // Sized for the few channels a session usually holds: a map's table is heap for as long as the
    // session lives, times every idle session (grown on demand like any other).
    private final Map<Channel, Subscription> subscriptions = new ConcurrentHashMap<>(2);
    private final Map<Channel, String> pendingRefs = new ConcurrentHashMap<>(2);
    /** Channels subscribed from a position whose {@code subscribed} has not come yet: resumes to count. */
    private final Set<Channel> pendingResumes = ConcurrentHashMap.newKeySet(2);
    private volatile Viewer viewer;
    private ScheduledFuture<?> expiry;

    /**
     * A session for {@code viewer}; one who already holds as many sessions as allowed gets its
     * connection closed with {@link CloseCodes#TOO_MANY_SESSIONS} at once.
     */
    public GatewaySession(ChannelHub hub, ClientConnection connection, Viewer viewer, SessionSettings settings) {
        this.hub = hub;
        this.connection = connection;
        this.maxSubscriptions = settings.maxSubscriptions();
        this.metrics = settings.metrics();
        this.outbox = new Outbox(connection, settings.writers(), settings.maxQueuedBytes(), this::tooSlow, metrics::sent, settings.flushDelay());
        this.authenticator = settings.authenticator();
        this.inboundRate = new InboundRate(settings.maxInboundPerSecond());
        this.userSessions = settings.userSessions();
        this.viewer = viewer;
        boolean admitted = viewer.isAnonymous() || userSessions.tryOpen(viewer.userId());
        this.countedUser = admitted && !viewer.isAnonymous() ? viewer.userId() : null;
        metrics.opened(this);
        if (!admitted) {
            closed();
            connection.close(CloseCodes.TOO_MANY_SESSIONS, "at most " + userSessions.maxPerUser() + " sessions per user");
            return;
        }
        scheduleExpiry(viewer);
    }

    /** Outbound bytes waiting in this session's outbox. */
    long queuedBytes() {
        return outbox.queuedBytes();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    /** One text frame from the client. Never throws: a bad frame is answered with an error. */
    public void receive(String text) {
        if (!inboundRate.tryAcquire()) {
            outbox.enqueue(ServerFrames.error(ErrorCode.RATE_LIMITED, "at most " + inboundRate.perSecond() + " messages a second", null, null, null));
            return;
        }
        ClientMessage message;
        try {
            message = ClientMessage.parse(text);
            handle(message);
        } catch (ProtocolException e) {
            outbox.enqueue(ServerFrames.error(e.code(), e.getMessage(), e.ref(), null, null));
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("Session request failed (incident {})", incident, e);
            outbox.enqueue(ServerFrames.error(ErrorCode.INTERNAL, "the gateway failed; incident " + incident, null, null, null));
        }
    }

    /** The transport closed: release every subscription. */
    public void closed() {
        if (countedUser != null && closedOnce.compareAndSet(false, true)) {
            userSessions.close(countedUser);
        }
        metrics.closed(this);
        cancelExpiry();
        outbox.close();
        subscriptions.values().forEach(hub::unsubscribe);
        subscriptions.clear();
    }

    private void handle(ClientMessage message) {
        if (message instanceof ClientMessage.Subscribe subscribe) {
            subscribe(subscribe);
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            unsubscribe(unsubscribe);
        } else if (message instanceof ClientMessage.Ping ping) {
            outbox.enqueue(ServerFrames.pong(ping.ref()));
        } else if (message instanceof ClientMessage.Auth auth) {
            refresh(auth);
        }
    }

    private void subscribe(ClientMessage.Subscribe request) {
        Channel channel = request.channel();
        if (!viewer.maySee(channel)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "a private channel is only its user's", request.ref());
        }
        if (subscriptions.containsKey(channel)) {
            throw new ProtocolException(ErrorCode.ALREADY_SUBSCRIBED, "already subscribed to " + channel, request.ref());
        }
        if (subscriptions.size() >= maxSubscriptions) {
            throw new ProtocolException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "at most " + maxSubscriptions + " subscriptions", request.ref());
        }
        if (request.ref() != null) {
            pendingRefs.put(channel, request.ref());
        }
        try {
            Subscription subscription = hub.open(channel, this);
            subscriptions.put(channel, subscription);
            start(subscription, request.from());
        } catch (ProtocolException e) {
            subscriptions.remove(channel);
            pendingRefs.remove(channel);
            pendingResumes.remove(channel);
            throw new ProtocolException(e.code(), e.getMessage(), request.ref());
        }
    }

    private void start(Subscription subscription, ClientMessage.From from) {
        if (from instanceof ClientMessage.From.Snapshot) {
            hub.startWithSnapshot(subscription);
        } else if (from instanceof ClientMessage.From.After after) {
            pendingResumes.add(subscription.channel());
            hub.startAfter(subscription, after.positions());
        } else if (from instanceof ClientMessage.From.Since since) {
            hub.startSince(subscription, since.time());
        } else {
            hub.startLatest(subscription);
        }
    }

    private void unsubscribe(ClientMessage.Unsubscribe request) {
        Subscription subscription = subscriptions.remove(request.channel());
        if (subscription == null) {
            throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + request.channel(), request.ref());
        }
        hub.unsubscribe(subscription);
        outbox.enqueue(ServerFrames.unsubscribed(request.channel(), request.ref()));
    }

    @Override
    public void snapshot(Channel channel, String position, java.util.List<String> items) {
        // The ref stays for the 'subscribed' that follows: both answer the one request.
        outbox.enqueue(ServerFrames.snapshot(channel, position, items, pendingRefs.get(channel)));
    }

    @Override
    public void subscribed(Channel channel, String position) {
        if (pendingResumes.remove(channel)) {
            metrics.resumed();
        }
        outbox.enqueue(ServerFrames.subscribed(channel, position, pendingRefs.remove(channel)));
    }

    @Override
    public void deliver(Frame frame) {
        outbox.enqueue(frame);
    }

    @Override
    public void subscriptionFailed(Channel channel, ErrorCode code, String message, String earliest) {
        if (pendingResumes.remove(channel) && code == ErrorCode.HISTORY_TRUNCATED) {
            metrics.resumeTruncated();
        }
        subscriptions.remove(channel);
        outbox.enqueue(ServerFrames.error(code, message, pendingRefs.remove(channel), channel.name(), earliest));
    }

    /** A fresh token, in-band: the same user (or a first one for an anonymous session) and a new expiry. */
    private void refresh(ClientMessage.Auth request) {
        Viewer fresh;
        try {
            fresh = authenticator.verifier().verify(request.token());
        } catch (TokenVerifier.InvalidTokenException e) {
            metrics.authFailed();
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, e.getMessage(), request.ref());
        }
        Viewer current = viewer;
        if (!current.isAnonymous() && !current.userId().equals(fresh.userId())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "a session cannot change its user", request.ref());
        }
        viewer = fresh;
        scheduleExpiry(fresh);
        outbox.enqueue(ServerFrames.authenticated(fresh.userId(), fresh.expiresAt(), request.ref()));
    }

    private synchronized void scheduleExpiry(Viewer current) {
        cancelExpiry();
        if (current.expiresAt() == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), current.expiresAt()).toMillis());
        expiry = authenticator.expiry().schedule(() -> {
            log.info("Closing a session whose token expired");
            metrics.tokenExpired();
            closed();
            connection.close(CloseCodes.TOKEN_EXPIRED, "token expired");
        }, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /** The gateway is stopping: the client is told so, and reconnects (to any instance) and resumes. */
    void goingAway() {
        closed();
        connection.close(CloseCodes.GOING_AWAY, "the gateway is shutting down");
    }

    private void tooSlow() {
        log.info("Closing a session that reads too slowly; it can resume from its last position");
        metrics.tooSlow();
        closed();
        connection.close(CloseCodes.TOO_SLOW, "too slow");
    }
}
