package dev.signalbox.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.signalbox.gateway.GatewayProperties;

/**
 * Turns a bearer token into a {@link Viewer} with Spring Security's JWT support: the signature (an
 * HMAC secret for development, a JWKS URI in production), expiry and not-before, issuer and
 * audience are all checked; unsigned ({@code alg=none}) tokens never pass.
 */
public final class TokenVerifier {

    private final JwtDecoder decoder;
    private final GatewayProperties.Auth settings;

    private TokenVerifier(JwtDecoder decoder, GatewayProperties.Auth settings) {
        this.decoder = decoder;
        this.settings = settings;
    }

    /** A verifier for these settings; with neither a secret nor a JWKS URI, every token is refused. */
    public static TokenVerifier of(GatewayProperties.Auth settings) {
        NimbusJwtDecoder decoder;
        if (settings.jwkSetUri() != null && !settings.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        } else if (settings.hmacSecret() != null && !settings.hmacSecret().isBlank()) {
            byte[] secret = settings.hmacSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException("signalbox.gateway.auth.hmac-secret must be at least 32 bytes for HS256");
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            return new TokenVerifier(null, settings);
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(settings.issuer() == null || settings.issuer().isBlank() ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(settings.issuer()));
        if (settings.audience() != null && !settings.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(settings.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new TokenVerifier(decoder, settings);
    }

    public boolean enabled() {
        return decoder != null;
    }

    /** @throws InvalidTokenException for a token that is not valid here, saying why in general terms only */
    public Viewer verify(String token) {
        if (decoder == null) {
            throw new InvalidTokenException("this gateway accepts no tokens");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidTokenException("invalid token");
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank() || jwt.getExpiresAt() == null) {
            throw new InvalidTokenException("a token needs a subject and an expiry");
        }
        return new Viewer(jwt.getSubject(), hasRole(jwt.getClaim(settings.rolesClaim()), settings.adminRole()), jwt.getExpiresAt());
    }

    private static boolean hasRole(Object roles, String role) {
        if (roles instanceof Collection<?> list) {
            return list.contains(role);
        }
        return roles instanceof String text && List.of(text.split("[ ,]")).contains(role);
    }

    /** A token was refused; the message never repeats the token or the decoder's details. */
    public static final class InvalidTokenException extends RuntimeException {

        InvalidTokenException(String message) {
            super(message);
        }
    }
}
