package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same-origin rule of the gateway's own WebSocket upgrade, as a browser's Origin header meets the Host it addressed. */
class NettyWebSocketUpgradeTest {

    @Test
    void anOriginIsTheSameOnlyWithTheSameSchemeHostAndPort() {
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway.example:8080", "gateway.example:8080", false)).isTrue();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://GATEWAY.example:8080", "gateway.example:8080", false)).isTrue();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway.example", "gateway.example:80", false)).isTrue();
        assertThat(NettyWebSocketUpgrade.sameOrigin("https://gateway.example", "gateway.example", true)).isTrue();

        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway.example:8081", "gateway.example:8080", false)).isFalse();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://evil.example:8080", "gateway.example:8080", false)).isFalse();
        assertThat(NettyWebSocketUpgrade.sameOrigin("https://gateway.example:8080", "gateway.example:8080", false)).isFalse();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway.example", "gateway.example", true)).isFalse();
    }

    @Test
    void anOpaqueOrMalformedOriginOrAMissingHostIsNeverTheSame() {
        // A sandboxed page or a file sends "null".
        assertThat(NettyWebSocketUpgrade.sameOrigin("null", "gateway.example:8080", false)).isFalse();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway example", "gateway.example", false)).isFalse();
        assertThat(NettyWebSocketUpgrade.sameOrigin("http://gateway.example:8080", null, false)).isFalse();
    }
}
