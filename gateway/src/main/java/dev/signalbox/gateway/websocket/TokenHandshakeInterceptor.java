package dev.signalbox.gateway.websocket;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.TokenVerifier;

/** Authenticates the WebSocket handshake: a bad token is refused with 401 before any session exists. */
final class TokenHandshakeInterceptor implements HandshakeInterceptor {

    static final String VIEWER = "signalbox.viewer";

    private final Authenticator authenticator;

    TokenHandshakeInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Map<String, Object> attributes) {
        String queryToken = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst(Authenticator.QUERY_PARAMETER);
        try {
            attributes.put(VIEWER, authenticator.viewer(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION), queryToken));
            return true;
        } catch (TokenVerifier.InvalidTokenException e) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
    }
}
