package dev.signalbox.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import dev.signalbox.gateway.GatewayProperties;

/**
 * The production path of token checks: RS256 tokens against the public keys an identity provider
 * publishes at its JWKS URI, fetched over HTTP from a JWKS server on loopback; a token signed by a
 * key that is not published, or for another audience or issuer, is refused.
 */
class JwksTokenVerifierTest {

    private static final String ISSUER = "https://id.signalbox.test";
    private static final String AUDIENCE = "signalbox-gateway";
    private static RSAKey published;
    private static RSAKey unpublished;
    private static HttpServer jwks;
    private static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void publishKeys() throws Exception {
        published = new RSAKeyGenerator(2048).keyID("key-1").generate();
        unpublished = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] body = new JWKSet(published.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void aTokenSignedWithAPublishedKeyIsAccepted() throws Exception {
        Viewer viewer = verifier().verify(token(published, ISSUER, AUDIENCE, List.of("admin")));
        assertThat(viewer.userId()).isEqualTo("ada");
        assertThat(viewer.admin()).isTrue();
        assertThat(fetches.get()).as("the keys came from the JWKS URI").isPositive();
    }

    @Test
    void aTokenSignedWithAnyOtherKeyOrForAnotherAudienceOrIssuerIsRefused() throws Exception {
        TokenVerifier verifier = verifier();
        assertThatThrownBy(() -> verifier.verify(token(unpublished, ISSUER, AUDIENCE, List.of()))).isInstanceOf(TokenVerifier.InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(token(published, ISSUER, "another-service", List.of()))).isInstanceOf(TokenVerifier.InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(token(published, "https://elsewhere.test", AUDIENCE, List.of()))).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    private static TokenVerifier verifier() {
        String uri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
        return TokenVerifier.of(new GatewayProperties.Auth(null, uri, ISSUER, AUDIENCE, true, "roles", "admin"));
    }

    private static String token(RSAKey key, String issuer, String audience, List<String> roles) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("ada").issuer(issuer).audience(audience).claim("roles", roles)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
