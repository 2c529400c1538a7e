package dev.signalbox.gateway.websocket;

import java.util.concurrent.Executor;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.Connection;

import dev.signalbox.gateway.protocol.Frame;
import dev.signalbox.gateway.session.ClientConnection;

/**
 * A session's frames written straight to its Netty channel, on the channel's own event loop: each
 * frame goes out as the WebSocket frame bytes every session shares (wrapped, not copied, not
 * encoded again), writes are buffered and flushed once per drain, and when the socket's buffer passes Netty's high-water mark the
 * outbox stops until the channel is writable again — so what waits stays counted in the outbox.
 * Sessions are spread over the event loops, that is over every core.
 */
final class NettyChannelConnection implements ClientConnection {

    private static final String WRITABILITY_HANDLER = "signalbox-writability";

    private final Channel channel;
    private final Closer closer;
    /** Only touched on the channel's event loop, where the outbox drains and writability changes. */
    private Runnable resume;

    /** How the session's close goes out: through the web stack, which knows the WebSocket closing handshake. */
    interface Closer {
        void close(int code, String reason);
    }

    /** A connection on a plain Netty pipeline, whose own handler calls {@link #writabilityChanged}. */
    NettyChannelConnection(Channel channel, Closer closer) {
        this.channel = channel;
        this.closer = closer;
    }

    /** A connection under Reactor Netty's WebFlux session: a handler of its own reports writability. */
    static NettyChannelConnection onReactorConnection(Connection connection, Closer closer) {
        NettyChannelConnection nettyConnection = new NettyChannelConnection(connection.channel(), closer);
        connection.addHandlerLast(WRITABILITY_HANDLER, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext context) {
                nettyConnection.writabilityChanged();
                context.fireChannelWritabilityChanged();
            }
        });
        return nettyConnection;
    }

    /** On the channel's event loop: resumes a waiting outbox once the socket takes writes again. */
    void writabilityChanged() {
        if (channel.isWritable() && resume != null) {
            Runnable waiting = resume;
            resume = null;
            waiting.run();
        }
    }

    @Override
    public void send(Frame frame) {
        // Already a whole WebSocket frame: it passes the pipeline's frame encoder untouched.
        channel.write(Unpooled.wrappedBuffer(frame.webSocketFrame()), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void whenWritable(Runnable resume) {
        this.resume = resume;
    }

    @Override
    public Executor writer(Executor pool) {
        return channel.eventLoop();
    }

    @Override
    public void close(int code, String reason) {
        closer.close(code, reason);
    }
}
