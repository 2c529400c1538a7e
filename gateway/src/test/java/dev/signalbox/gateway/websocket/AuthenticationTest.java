package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import dev.signalbox.gateway.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Who may watch what, with real WebSocket and HTTP clients against a running gateway: a private
 * channel only for its user or an admin; forged, expired, unsigned, wrong-audience and
 * wrong-issuer tokens refused at the handshake; an expiring token ends its session with 4001
 * unless refreshed in-band; a foreign Origin refused.
 */
class AuthenticationTest {

    static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ISSUER = "https://id.signalbox.test";
    private static final String AUDIENCE = "signalbox-gateway";
    private static final TestInfrastructure infra = TestInfrastructure.shared();

    private static TestGateway gateway;
    int port;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(Map.of("signalbox.gateway.live-topics.jobs", createTopic(TestInfrastructure.uniqueName("live.jobs")),
                "signalbox.gateway.auth.hmac-secret", SECRET, "signalbox.gateway.auth.issuer", ISSUER,
                "signalbox.gateway.auth.audience", AUDIENCE, "signalbox.gateway.max-sessions-per-user", "2"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void gatewayPort() {
        port = gateway.port();
    }

    @Test
    void aPrivateChannelIsOnlyForItsUserOrAnAdmin() throws Exception {
        try (ProtocolClient owner = connect(token("Ada@example.org", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5)))) {
            owner.subscribe("jobs.user._41da_40example_2eorg", "\"latest\"");
            assertThat(owner.expect("subscribed", WAIT).get("channel").asString()).isEqualTo("jobs.user._41da_40example_2eorg");
            assertThat(error(owner, "jobs.user.u-2")).isEqualTo("forbidden");
        }
        try (ProtocolClient stranger = connect(token("u-2", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5)))) {
            assertThat(error(stranger, "jobs.user._41da_40example_2eorg")).isEqualTo("forbidden");
        }
        try (ProtocolClient anonymous = connect(null)) {
            assertThat(error(anonymous, "jobs.user._41da_40example_2eorg")).isEqualTo("forbidden");
            anonymous.subscribe("jobs.board", "\"latest\"");
            assertThat(anonymous.expect("subscribed", WAIT).get("channel").asString()).isEqualTo("jobs.board");
        }
        try (ProtocolClient admin = connect(token("ops-1", List.of("admin"), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5)))) {
            admin.subscribe("jobs.user._41da_40example_2eorg", "\"latest\"");
            admin.expect("subscribed", WAIT);
        }
    }

    @Test
    void badTokensAreRefusedAtTheHandshake() throws Exception {
        String forged = token("u-1", List.of("admin"), "another-secret-of-at-least-thirty-two-bytes", AUDIENCE, ISSUER, Duration.ofMinutes(5));
        String expired = token("u-1", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(-5));
        String wrongAudience = token("u-1", List.of(), SECRET, "someone-else", ISSUER, Duration.ofMinutes(5));
        String wrongIssuer = token("u-1", List.of(), SECRET, AUDIENCE, "https://evil.test", Duration.ofMinutes(5));
        String unsigned = new PlainJWT(claims("u-1", List.of("admin"), AUDIENCE, ISSUER, Duration.ofMinutes(5))).serialize();
        for (String bad : List.of(forged, expired, wrongAudience, wrongIssuer, unsigned, "not.a.token")) {
            assertThatThrownBy(() -> connect(bad)).as(bad).hasRootCauseMessage("Unexpected HTTP response status code 401");
            assertThat(sseStatus(bad)).as(bad).isEqualTo(401);
        }
    }

    @Test
    void anExpiredTokenEndsTheSessionUnlessRefreshedInBand() throws Exception {
        // The refreshed session's first token lapses at least a second before the other's: had the
        // refresh not taken, it would be closed by the time the other is. (Expiry times are whole
        // seconds, so a token given 4 s may have just over 3 left: the refresh goes first.)
        try (ProtocolClient refreshed = connect(token("u-3", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofSeconds(4)))) {
            JsonNode authenticated = refreshed.send("{\"type\":\"auth\",\"ref\":\"a\",\"token\":\""
                    + token("u-3", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5)) + "\"}").expect("authenticated", WAIT);
            assertThat(authenticated.get("user").asString()).isEqualTo("u-3");
            JsonNode otherUser = refreshed.send("{\"type\":\"auth\",\"token\":\""
                    + token("u-5", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5)) + "\"}").expect("error", WAIT);
            assertThat(otherUser.get("code").asString()).isEqualTo("forbidden");

            try (ProtocolClient lapsed = connect(token("u-4", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofSeconds(6)))) {
                assertThat(lapsed.closeCode().get(20, TimeUnit.SECONDS)).isEqualTo(4001);
            }
            // The refreshed session outlived its first token.
            assertThat(refreshed.closeCode()).isNotDone();
            assertThat(refreshed.send("{\"type\":\"ping\",\"ref\":\"p\"}").expect("pong", WAIT).get("ref").asString()).isEqualTo("p");
        }
    }

    @Test
    void aUserHoldsAtMostTheAllowedNumberOfSessions() throws Exception {
        String token = token("u-6", List.of(), SECRET, AUDIENCE, ISSUER, Duration.ofMinutes(5));
        // One at a time, each answering before the next connects: the gateway admits sessions as
        // they open, and two handshakes in flight may open in either order.
        try (ProtocolClient first = connect(token)) {
            assertThat(ping(first, "1")).isEqualTo("1");
            try (ProtocolClient second = connect(token)) {
                assertThat(ping(second, "2")).isEqualTo("2");
                try (ProtocolClient third = connect(token)) {
                    assertThat(third.closeCode().get(20, TimeUnit.SECONDS)).isEqualTo(4029);
                }
                assertThat(ping(first, "1")).isEqualTo("1");
                assertThat(ping(second, "2")).isEqualTo("2");
            }
        }
        // Closed sessions free their places, once the gateway has seen them close: it learns of a
        // close after the client has sent it, so a connect at once may still find them counted.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (ProtocolClient again = connect(token)) {
                assertThat(again.send("{\"type\":\"ping\",\"ref\":\"3\"}").expect("pong", Duration.ofSeconds(5)).get("ref").asString()).isEqualTo("3");
            }
        });
    }

    private static String ping(ProtocolClient client, String ref) {
        return client.send("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}").expect("pong", WAIT).get("ref").asString();
    }

    @Test
    void aForeignOriginIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                })
                .get(20, TimeUnit.SECONDS)).hasRootCauseMessage("Unexpected HTTP response status code 403");
    }

    private ProtocolClient connect(String token) {
        return ProtocolClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws" + (token == null ? "" : "?access_token=" + token)));
    }

    private int sseStatus(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sse?channel=jobs.board"))
                .header("Authorization", "Bearer " + token).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String error(ProtocolClient client, String channel) {
        client.subscribe(channel, "\"latest\"");
        return client.expect("error", WAIT).get("code").asString();
    }

    private static String token(String subject, List<String> roles, String secret, String audience, String issuer, Duration validFor)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, roles, audience, issuer, validFor));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, String audience, String issuer, Duration validFor) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience).claim("roles", roles)
                .issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plus(validFor))).build();
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}
