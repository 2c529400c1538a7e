package dev.signalbox.gateway.auth;

import java.util.concurrent.ScheduledExecutorService;

import org.springframework.stereotype.Component;

import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.gateway.session.GatewayMetrics;

/**
 * Who a connecting client is, from the token it presents (an {@code Authorization: Bearer} header
 * or an {@code access_token} query parameter), for every transport alike.
 */
@Component
public final class Authenticator {

    public static final String QUERY_PARAMETER = "access_token";

    private final TokenVerifier verifier;
    private final boolean allowAnonymous;
    private final ScheduledExecutorService expiry;

    private final GatewayMetrics metrics;

    Authenticator(TokenVerifier verifier, GatewayProperties properties, ScheduledExecutorService tokenExpiry, GatewayMetrics metrics) {
        this.verifier = verifier;
        this.metrics = metrics;
        this.allowAnonymous = properties.auth().allowAnonymous();
        this.expiry = tokenExpiry;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param queryToken    the {@code access_token} query parameter, or null
     * @throws TokenVerifier.InvalidTokenException when the token is bad, or missing where anonymous sessions are not allowed
     */
    public Viewer viewer(String authorization, String queryToken) {
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        } else if (queryToken != null && !queryToken.isBlank()) {
            token = queryToken;
        }
        if (token == null) {
            if (!allowAnonymous) {
                metrics.authFailed();
                throw new TokenVerifier.InvalidTokenException("a token is required");
            }
            return Viewer.ANONYMOUS;
        }
        try {
            return verifier.verify(token);
        } catch (TokenVerifier.InvalidTokenException e) {
            metrics.authFailed();
            throw e;
        }
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public ScheduledExecutorService expiry() {
        return expiry;
    }
}
