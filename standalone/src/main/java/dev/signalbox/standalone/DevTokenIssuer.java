package dev.signalbox.standalone;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.signalbox.gateway.GatewayProperties;

/**
 * DEVELOPMENT ONLY — exists in the standalone run alone, never in a deployed gateway: hands out a
 * token for any user name, signed with the secret this run generated, so the dashboard and curl can
 * watch private channels ({@code jobs.user.<id>}, {@code notifications.user.<id>}) without an
 * identity provider. {@code POST /dev/token?user=ada[&admin=true]}.
 */
@RestController
class DevTokenIssuer {

    static final String PATH = "/dev/token";
    private static final Duration VALID_FOR = Duration.ofHours(1);

    private final byte[] secret;

    DevTokenIssuer(GatewayProperties properties) {
        this.secret = properties.auth().hmacSecret().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> issue(@RequestParam String user, @RequestParam(defaultValue = "false") boolean admin) throws JOSEException {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(VALID_FOR);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issueTime(Date.from(now)).expirationTime(Date.from(expiresAt))
                .claim("roles", admin ? List.of("admin") : List.of()).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        token.sign(new MACSigner(secret));
        return Map.of("token", token.serialize(), "expiresAt", expiresAt.toString());
    }
}
