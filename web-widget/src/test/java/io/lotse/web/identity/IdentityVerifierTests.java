package io.lotse.web.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.lotse.web.identity.InvalidIdentityException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IdentityVerifierTests {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
    private static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");

    private final IdentityVerifier verifier = new IdentityVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("cust-42").claim("name", "Ada Lovelace").claim("email", "ada@example.com").claim("tier", "A")
                .expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(String secret, JWTClaimsSet claims) throws JOSEException {
        return sign(JWSAlgorithm.HS256, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
    }

    private static String rawHs256(String payload) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payload));
        jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jws.serialize();
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return hs256(SECRET, change.apply(claims()).build());
    }

    private Reason refusal(String jwt) {
        InvalidIdentityException e = catchThrowableOfType(InvalidIdentityException.class, () -> verifier.verify(jwt));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET);
        if (jwt != null && jwt.length() > 20) {
            assertThat(e.getMessage()).doesNotContain(jwt);
        }
        return e.reason();
    }

    @Test
    void aValidTokenNamesTheCustomer() throws Exception {
        CustomerIdentity identity = verifier.verify(token(b -> b));
        assertThat(identity).isEqualTo(new CustomerIdentity("cust-42", "Ada Lovelace", "ada@example.com", Tier.A));
        assertThat(identity.rank()).isZero();
        assertThat(identity.toString()).contains("cust-42").doesNotContain("Ada").doesNotContain("ada@example.com");
        assertThat(verifier.isConfigured()).isTrue();
    }

    @Test
    void nameEmailAndTierAreOptionalAndTierIsReadInEitherCase() throws Exception {
        JWTClaimsSet bare = new JWTClaimsSet.Builder().subject("x").expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertThat(verifier.verify(hs256(SECRET, bare))).isEqualTo(new CustomerIdentity("x", null, null, null));
        assertThat(verifier.verify(hs256(SECRET, bare)).rank()).isEqualTo(Tier.ANONYMOUS_RANK);
        assertThat(verifier.verify(token(b -> b.claim("tier", "c").claim("name", "  ").claim("email", ""))))
                .isEqualTo(new CustomerIdentity("cust-42", null, null, Tier.C));
        assertThat(verifier.verify(token(b -> b.claim("name", " Ada ")))).extracting(CustomerIdentity::name).isEqualTo("Ada");
    }

    @Test
    void expiryAllowsThirtySecondsOfClockSkew() throws Exception {
        assertThat(verifier.verify(token(b -> b.expirationTime(Date.from(NOW.minusSeconds(30)))))).isNotNull();
        assertThat(refusal(token(b -> b.expirationTime(Date.from(NOW.minusSeconds(31)))))).isEqualTo(Reason.EXPIRED);
        assertThat(refusal(token(b -> b.expirationTime(null)))).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(verifier.verify(token(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(30)))))).isNotNull();
        assertThat(refusal(token(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(31)))))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void anotherKeyOrAChangedTokenDoesNotVerify() throws Exception {
        assertThat(refusal(hs256("another-secret-of-at-least-32-bytes!!", claims().build()))).isEqualTo(Reason.SIGNATURE);
        String[] parts = token(b -> b).split("\\.");
        String changedPayload = Base64URL.encode(claims().claim("tier", "A").subject("someone-else").build().toString()).toString();
        assertThat(refusal(parts[0] + "." + changedPayload + "." + parts[2])).isEqualTo(Reason.SIGNATURE);
        assertThat(refusal(parts[0] + "." + parts[1] + ".")).isIn(Reason.SIGNATURE, Reason.MALFORMED);
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThat(refusal(unsigned)).isEqualTo(Reason.ALGORITHM);
        // "none" with a signature attached is refused as well.
        assertThat(refusal(unsigned + token(b -> b).split("\\.")[2])).isIn(Reason.ALGORITHM, Reason.MALFORMED);
        byte[] longKey = (SECRET + SECRET).getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(sign(JWSAlgorithm.HS512, new MACSigner(longKey), claims().build()))).isEqualTo(Reason.ALGORITHM);
        // HS384 with the very secret: the algorithm is refused, not just the signature.
        byte[] key48 = SECRET.concat("0123456789").getBytes(StandardCharsets.UTF_8);
        IdentityVerifier sameKey = new IdentityVerifier(new String(key48, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        String hs384 = sign(JWSAlgorithm.HS384, new MACSigner(key48), claims().build());
        assertThat(catchThrowableOfType(InvalidIdentityException.class, () -> sameKey.verify(hs384)).reason()).isEqualTo(Reason.ALGORITHM);
        String rs256 = sign(JWSAlgorithm.RS256, new RSASSASigner(new RSAKeyGenerator(2048).generate()), claims().build());
        assertThat(refusal(rs256)).isEqualTo(Reason.ALGORITHM);
    }

    @Test
    void malformedOrOverLongTokensAreRefusedUnread() throws Exception {
        for (String bad : new String[] {null, "", "   ", "not-a-jwt", "a.b.c"}) {
            assertThat(refusal(bad)).as(String.valueOf(bad)).isEqualTo(Reason.MALFORMED);
        }
        String padded = token(b -> b.claim("pad", "x".repeat(4000)));
        assertThat(padded.length()).isGreaterThan(IdentityVerifier.MAX_TOKEN_LENGTH);
        assertThat(refusal(padded)).isEqualTo(Reason.TOO_LONG);
        // Signed, but the claims are not JSON, or a registered claim has the wrong type.
        assertThat(refusal(rawHs256("not json"))).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(rawHs256("{\"sub\":\"x\",\"exp\":\"tomorrow\"}"))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void eachClaimMustBeAllowed() throws Exception {
        assertThat(refusal(token(b -> b.subject(null)))).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(refusal(token(b -> b.subject("  ")))).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(refusal(token(b -> b.claim("tier", "D")))).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(refusal(token(b -> b.claim("tier", "AB")))).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(refusal(token(b -> b.claim("tier", 1)))).isEqualTo(Reason.INVALID_CLAIM);
        for (String email : List.of("ada", "ada@", "@example.com", "ada@example", "ada lovelace@example.com", "a@b@example.com")) {
            assertThat(refusal(token(b -> b.claim("email", email)))).as(email).isEqualTo(Reason.INVALID_CLAIM);
        }
        assertThat(verifier.verify(token(b -> b.claim("email", "ada.l+chat@mail.exämple.co.uk"))).email())
                .isEqualTo("ada.l+chat@mail.exämple.co.uk");
        assertThat(refusal(token(b -> b.claim("email", "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(4) + "com"))))
                .isEqualTo(Reason.INVALID_CLAIM);
        assertThat(refusal(token(b -> b.claim("name", "n".repeat(201))))).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(verifier.verify(token(b -> b.claim("name", "n".repeat(200)))).name()).hasSize(200);
        assertThat(refusal(token(b -> b.claim("name", "Ada\u0000Lovelace")))).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(refusal(token(b -> b.claim("name", 42)))).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(refusal(token(b -> b.subject("s".repeat(257))))).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void withoutASecretEveryIdentityIsInvalid() throws Exception {
        for (String none : new String[] {null, "", "  "}) {
            IdentityVerifier unconfigured = new IdentityVerifier(none);
            assertThat(unconfigured.isConfigured()).isFalse();
            InvalidIdentityException e = catchThrowableOfType(InvalidIdentityException.class, () -> unconfigured.verify(token(b -> b)));
            assertThat(e.reason()).isEqualTo(Reason.NOT_CONFIGURED);
            assertThat(e).hasMessageContaining("chatbot.identity.secret");
        }
    }

    @Test
    void aSecretShorterThanThirtyTwoBytesWorksAndOnlyItsOwnTokensVerify() throws Exception {
        IdentityVerifier shortKey = new IdentityVerifier("too-short");
        assertThat(shortKey.isConfigured()).isTrue();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("c-1")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        token.sign(new ShortKeySigner("too-short"));
        assertThat(shortKey.verify(token.serialize()).id()).isEqualTo("c-1");
        InvalidIdentityException other = catchThrowableOfType(InvalidIdentityException.class,
                () -> new IdentityVerifier("too-shorT").verify(token.serialize()));
        assertThat(other.reason()).isEqualTo(Reason.SIGNATURE);
    }

    /** Signs with HS256 whatever the key's length, as a site's own library may. */
    private record ShortKeySigner(String secret) implements JWSSigner {
        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return Base64URL.encode(mac.doFinal(signingInput));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.HS256);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    @Test
    void tiersRankAThenBThenCThenTheAnonymous() {
        assertThat(List.of(Tier.A.rank(), Tier.B.rank(), Tier.C.rank(), Tier.rankOf(null))).containsExactly(0, 1, 2, 3);
        assertThat(Tier.parse(" b ")).contains(Tier.B);
        assertThat(Tier.parse("D")).isEmpty();
        assertThat(Tier.parse(null)).isEmpty();
    }
}
