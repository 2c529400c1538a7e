package dev.signalbox.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;

/** A frame's wire bytes, read back by Netty's own client-side WebSocket decoder, at each length encoding. */
class FrameTest {

    @Test
    void writesAWholeUnmaskedTextFrameForEachLengthEncoding() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            byte[] wire = Frame.of(text).webSocketFrame();
            // As a client reads what a server sends: unmasked frames expected, any size allowed.
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, Integer.MAX_VALUE));
            client.writeInbound(Unpooled.wrappedBuffer(wire));
            TextWebSocketFrame read = client.readInbound();
            assertThat(read.isFinalFragment()).isTrue();
            ByteBuf content = read.content();
            assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo(text);
            assertThat(wire.length - content.readableBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length < 126 ? 2
                    : text.getBytes(StandardCharsets.UTF_8).length <= 65_535 ? 4 : 10);
            read.release();
            assertThat(client.finishAndReleaseAll()).isFalse();
        }
    }
}
