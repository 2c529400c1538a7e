package dev.signalbox.gateway.websocket;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

import dev.signalbox.gateway.GatewayPaths;
import dev.signalbox.gateway.auth.Authenticator;
import dev.signalbox.gateway.auth.TokenVerifier;
import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.SessionSettings;

/**
 * Takes a WebSocket upgrade to {@code /ws} out of Reactor Netty's HTTP pipeline before Reactor
 * Netty or WebFlux see it, and turns the connection into a plain Netty WebSocket: frame codec,
 * aggregator of fragmented messages, and a {@link NettyWebSocketSession}. Every other request
 * passes through untouched. What an open session then keeps is Netty's channel and the session's
 * own state: not the upgrade request and its headers, not WebFlux's session, handshake info and
 * operators, not Reactor Netty's connection operations, which are most of an idle session's heap
 * on WebFlux (see BENCHMARKS.md). The handshake keeps WebFlux's promises: a foreign Origin is
 * refused with 403 and a bad token with 401, before any session exists.
 *
 * <p>One per connection, placed right after Reactor Netty's HTTP codec; it leaves the pipeline
 * once the connection is a WebSocket.
 */
final class NettyWebSocketUpgrade extends ChannelInboundHandlerAdapter {

    static final String NAME = "signalbox.websocketUpgrade";
    private static final Logger log = LoggerFactory.getLogger(NettyWebSocketUpgrade.class);
    /** The HTTP handlers Reactor Netty adds per connection; a WebSocket connection needs none of them. */
    private static final List<String> REACTOR_HTTP_HANDLERS = List.of(NettyPipeline.HttpTrafficHandler, NettyPipeline.AccessLogHandler,
            NettyPipeline.HttpMetricsHandler, NettyPipeline.IdleTimeoutHandler, NettyPipeline.CompressionHandler, NettyPipeline.ReactiveBridge);

    private final ChannelHub hub;
    private final SessionSettings settings;
    private final List<String> allowedOrigins;
    private final WebSocketDecoderConfig decoderConfig;
    /** Shared by every connection: it only reads the request to pick the handshake. */
    private final WebSocketServerHandshakerFactory handshakers;
    /** True from an upgrade request to its end: its content (none, for a GET) is ours to drop. */
    private boolean upgrading;

    NettyWebSocketUpgrade(ChannelHub hub, SessionSettings settings, List<String> allowedOrigins, WebSocketDecoderConfig decoderConfig,
            WebSocketServerHandshakerFactory handshakers) {
        this.hub = hub;
        this.settings = settings;
        this.allowedOrigins = allowedOrigins;
        this.decoderConfig = decoderConfig;
        this.handshakers = handshakers;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        QueryStringDecoder uri = message instanceof HttpRequest request && request.decoderResult().isSuccess() ? new QueryStringDecoder(request.uri()) : null;
        if (uri != null && GatewayPaths.WEBSOCKET.equals(uri.path())) {
            upgrading = true;
            try {
                upgrade(context, (HttpRequest) message, uri);
            } finally {
                ReferenceCountUtil.release(message);
            }
            endOfRequest(context, message);
        } else if (upgrading && message instanceof HttpContent) {
            ReferenceCountUtil.release(message);
            endOfRequest(context, message);
        } else {
            context.fireChannelRead(message);
        }
    }

    private void endOfRequest(ChannelHandlerContext context, Object message) {
        if (message instanceof LastHttpContent) {
            upgrading = false;
            if (context.channel().pipeline().get(NettyWebSocketSession.NAME) != null) {
                context.pipeline().remove(this);
            }
        }
    }

    private void upgrade(ChannelHandlerContext context, HttpRequest request, QueryStringDecoder uri) {
        if (!HttpMethod.GET.equals(request.method())) {
            refuse(context, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        // Without a list only same-origin pages may connect: no cross-site WebSocket hijacking.
        if (origin != null && !allowedOrigins.contains("*") && !allowedOrigins.contains(origin)
                && !sameOrigin(origin, request.headers().get(HttpHeaderNames.HOST), context.pipeline().get(SslHandler.class) != null)) {
            refuse(context, HttpResponseStatus.FORBIDDEN);
            return;
        }
        Viewer viewer;
        try {
            List<String> queryTokens = uri.parameters().get(Authenticator.QUERY_PARAMETER);
            viewer = settings.authenticator().viewer(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                    queryTokens == null || queryTokens.isEmpty() ? null : queryTokens.get(0));
        } catch (TokenVerifier.InvalidTokenException e) {
            refuse(context, HttpResponseStatus.UNAUTHORIZED);
            return;
        }
        WebSocketServerHandshaker handshaker = handshakers.newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // A GET upgrade has no body: the request as a full one, without copying its headers.
        DefaultFullHttpRequest fullRequest = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        // Before the 101 goes out: Reactor Netty's HTTP handler would rewrite its Connection header to keep-alive.
        ChannelPipeline pipeline = context.pipeline();
        for (String name : REACTOR_HTTP_HANDLERS) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        try {
            // Puts the WebSocket frame codec in front of the HTTP codec, and removes the HTTP codec once the 101 is out.
            handshaker.handshake(context.channel(), fullRequest);
        } catch (WebSocketHandshakeException e) {
            log.debug("Refused a WebSocket upgrade: {}", e.getMessage());
            refuse(context, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        pipeline.addLast(NettyWebSocketSession.AGGREGATOR, new WebSocketFrameAggregator(decoderConfig.maxFramePayloadLength()));
        pipeline.addLast(NettyWebSocketSession.NAME, new NettyWebSocketSession(context.channel(), hub, viewer, settings));
        // Reactor Netty reads a connection only when its HTTP handling asks for more; a WebSocket reads whatever comes.
        context.channel().config().setAutoRead(true);
    }

    /** Answers the upgrade with an HTTP status and closes the connection: it came to be a WebSocket or nothing. */
    private static void refuse(ChannelHandlerContext context, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Whether {@code origin} is this server as the client addressed it ({@code Host}), as a browser compares origins. */
    static boolean sameOrigin(String origin, String host, boolean secure) {
        if (host == null) {
            return false;
        }
        try {
            URI originUri = URI.create(origin);
            URI hostUri = URI.create((secure ? "https://" : "http://") + host);
            String scheme = originUri.getScheme() == null ? "" : originUri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals(secure ? "https" : "http")
                    && originUri.getHost() != null && originUri.getHost().equalsIgnoreCase(hostUri.getHost())
                    && port(originUri) == port(hostUri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
