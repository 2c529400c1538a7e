package dev.signalbox.gateway.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

import dev.signalbox.gateway.auth.Viewer;
import dev.signalbox.gateway.channel.ChannelHub;
import dev.signalbox.gateway.session.CloseCodes;
import dev.signalbox.gateway.session.GatewaySession;
import dev.signalbox.gateway.session.SessionSettings;

/**
 * A {@link GatewaySession} on a plain Netty WebSocket channel (after {@link NettyWebSocketUpgrade}):
 * text frames go to the session, pings are answered, a close is answered with the same code,
 * binary frames (the protocol has none) close with 1003 and client frames past the size limit with
 * 1009. The session's frames go out through a {@link NettyChannelConnection} on the channel's event loop.
 */
final class NettyWebSocketSession extends ChannelInboundHandlerAdapter {

    static final String NAME = "signalbox.websocketSession";
    static final String AGGREGATOR = "signalbox.websocketAggregator";
    private static final Logger log = LoggerFactory.getLogger(NettyWebSocketSession.class);

    private final NettyChannelConnection connection;
    private final GatewaySession session;

    NettyWebSocketSession(Channel channel, ChannelHub hub, Viewer viewer, SessionSettings settings) {
        this.connection = new NettyChannelConnection(channel, (code, reason) -> close(channel, code, reason));
        this.session = new GatewaySession(hub, connection, viewer, settings);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        try {
            if (message instanceof TextWebSocketFrame text) {
                session.receive(text.text());
            } else if (message instanceof PingWebSocketFrame ping) {
                context.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (message instanceof CloseWebSocketFrame close) {
                // The closing handshake: answer with the client's code, then the connection ends.
                CloseWebSocketFrame answer = close.statusCode() == -1 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(close.statusCode(), null);
                context.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            } else if (message instanceof BinaryWebSocketFrame) {
                connection.close(CloseCodes.BINARY_NOT_SUPPORTED, "binary frames are not part of the protocol");
            }
            // A pong needs no answer; fragments arrive whole, from the aggregator before this handler.
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        connection.writabilityChanged();
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        session.closed();
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message past the limit (a single frame past it is closed by the decoder itself).
            close(context.channel(), WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "frame too large");
        } else if (cause instanceof CorruptedWebSocketFrameException) {
            // The decoder has sent the close frame that says why (1002, 1007 or 1009) and closes the connection.
            log.debug("A client sent a bad WebSocket frame: {}", cause.getMessage());
        } else {
            log.debug("WebSocket connection failed; closing it", cause);
            context.close();
        }
    }

    /** Sends a close frame and ends the connection once it is out; safe from any thread. */
    private static void close(Channel channel, int code, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
