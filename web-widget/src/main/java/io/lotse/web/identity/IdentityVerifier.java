package io.lotse.web.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.lotse.web.identity.InvalidIdentityException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the signed identity a site passes for its customer, a JWT signed with HS256 and the UTF-8
 * bytes of {@code chatbot.identity.secret}, and reads its claims {@code sub}, {@code name},
 * {@code email} and {@code tier}.
 *
 * <p>Strict where a lenient reading would let a customer pass as someone else: only HS256 is
 * accepted ({@code none} and every other algorithm are refused before the signature is looked at),
 * {@code exp} is required (an identity without it could be replayed forever), and tokens over
 * {@value #MAX_TOKEN_LENGTH} characters are refused unread. Clocks may differ by
 * {@link #CLOCK_SKEW}, for {@code exp} and for {@code nbf} when present.
 *
 * <p>The secret must be at least {@value #MIN_SECRET_BYTES} bytes, as HS256 wants a key of 256 bits:
 * a shorter one is refused when the verifier is made, so that a node does not start with an
 * identity check that could be guessed. Without a secret (absent or blank) the verifier is made,
 * but every identity is invalid, with {@link Reason#NOT_CONFIGURED}.
 *
 * <p>Of the claims, {@code name} and {@code email} are optional (blank counts as absent; at most
 * {@value #MAX_NAME_LENGTH} and {@value #MAX_EMAIL_LENGTH} characters), {@code tier} is optional and
 * read in either case, and {@code sub} is kept exactly as given (at most {@value #MAX_ID_LENGTH}
 * characters). Thread-safe.
 */
public final class IdentityVerifier {

    /** The shortest secret, in UTF-8 bytes: HS256 wants a 256-bit key. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest token read. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    /** How far the clocks of the site and of this node may differ. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_EMAIL_LENGTH = 254;

    private static final String PROPERTY = "chatbot.identity.secret";
    /** Something@domain.tld: no blanks, one @, a domain of at least two labels. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s@\"(),:;<>\\[\\]\\\\]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static final Logger log = LoggerFactory.getLogger(IdentityVerifier.class);
    private static final String HMAC = "HmacSHA256";

    /** The HS256 key, or {@code null} when no secret is configured. */
    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * A verifier for the configured secret.
     *
     * @param secret {@code chatbot.identity.secret}; {@code null} or blank: every identity is invalid.
     *     One shorter than {@value #MIN_SECRET_BYTES} UTF-8 bytes works, with a warning: HS256 wants a
     *     256-bit key, and a short one is easier to guess.
     */
    public IdentityVerifier(String secret) {
        this(secret, Clock.systemUTC());
    }

    /** As {@link #IdentityVerifier(String)}, with the clock that {@code exp} and {@code nbf} are checked against. */
    public IdentityVerifier(String secret, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secret == null || secret.isBlank()) {
            this.key = null;
            return;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            log.warn("{} is {} bytes long; HS256 wants at least {} (256 bits): a short secret is easier to guess",
                    PROPERTY, bytes.length, MIN_SECRET_BYTES);
        }
        this.key = new SecretKeySpec(bytes, HMAC);
    }

    /** Whether a secret is configured, so that an identity can be valid at all. */
    public boolean isConfigured() {
        return key != null;
    }

    /**
     * The customer a token names.
     *
     * @param jwt the token as the site passed it
     * @throws InvalidIdentityException saying why the token is not accepted
     */
    public CustomerIdentity verify(String jwt) {
        if (key == null) {
            throw new InvalidIdentityException(Reason.NOT_CONFIGURED,
                    "no " + PROPERTY + " is configured, so no identity can be verified");
        }
        if (jwt == null || jwt.isBlank()) {
            throw new InvalidIdentityException(Reason.MALFORMED, "the identity is empty");
        }
        if (jwt.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidIdentityException(Reason.TOO_LONG,
                    "the identity is " + jwt.length() + " characters long, more than " + MAX_TOKEN_LENGTH);
        }
        SignedJWT signed = signedWithHs256(jwt.strip());
        if (!signatureMatches(signed)) {
            throw new InvalidIdentityException(Reason.SIGNATURE, "the identity's signature does not match " + PROPERTY);
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidIdentityException(Reason.MALFORMED, "the identity's claims are not a JSON object of the registered claims' types");
        }
        checkTimes(claims);
        return new CustomerIdentity(subject(claims), optionalText(claims, "name", MAX_NAME_LENGTH), email(claims), tier(claims));
    }

    /**
     * Checks the HMAC-SHA256 of the signing input with the JDK's own {@link Mac}, in constant time.
     * The JWT library's verifier refuses keys under 256 bits, which sites do use.
     */
    private boolean signatureMatches(SignedJWT signed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] expected = mac.doFinal(signed.getSigningInput());
            return MessageDigest.isEqual(expected, signed.getSignature().decode());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static SignedJWT signedWithHs256(String jwt) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(jwt);
        } catch (ParseException e) {
            throw new InvalidIdentityException(Reason.MALFORMED, "the identity is not a JWT");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new InvalidIdentityException(Reason.ALGORITHM,
                    "the identity is " + (parsed.getHeader().getAlgorithm() == Algorithm.NONE
                            ? "not signed (alg none)" : "encrypted") + "; only HS256 is accepted");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw new InvalidIdentityException(Reason.ALGORITHM,
                    "the identity is signed with " + signed.getHeader().getAlgorithm() + "; only HS256 is accepted");
        }
        return signed;
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new InvalidIdentityException(Reason.MISSING_CLAIM, "the identity has no exp");
        }
        if (now.isAfter(expires.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidIdentityException(Reason.EXPIRED, "the identity expired at " + expires.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new InvalidIdentityException(Reason.NOT_YET_VALID, "the identity is valid only from " + notBefore.toInstant());
        }
    }

    private static String subject(JWTClaimsSet claims) {
        String sub = stringClaim(claims, "sub");
        if (sub == null || sub.isBlank()) {
            throw new InvalidIdentityException(Reason.MISSING_CLAIM, "the identity has no sub");
        }
        if (sub.length() > MAX_ID_LENGTH || CONTROL.matcher(sub).find()) {
            throw new InvalidIdentityException(Reason.INVALID_CLAIM,
                    "the identity's sub is longer than " + MAX_ID_LENGTH + " characters or holds control characters");
        }
        return sub;
    }

    private static String email(JWTClaimsSet claims) {
        String email = optionalText(claims, "email", MAX_EMAIL_LENGTH);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidIdentityException(Reason.INVALID_CLAIM, "the identity's email is not an e-mail address");
        }
        return email;
    }

    private static Tier tier(JWTClaimsSet claims) {
        String tier = stringClaim(claims, "tier");
        if (tier == null || tier.isBlank()) {
            return null;
        }
        return Tier.parse(tier).orElseThrow(() -> new InvalidIdentityException(Reason.INVALID_CLAIM,
                "the identity's tier is not A, B or C"));
    }

    /** A claim stripped of surrounding blanks; {@code null} when absent or blank. */
    private static String optionalText(JWTClaimsSet claims, String name, int maxLength) {
        String value = stringClaim(claims, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidIdentityException(Reason.INVALID_CLAIM,
                    "the identity's " + name + " is longer than " + maxLength + " characters");
        }
        if (CONTROL.matcher(stripped).find()) {
            throw new InvalidIdentityException(Reason.INVALID_CLAIM, "the identity's " + name + " holds control characters");
        }
        return stripped;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new InvalidIdentityException(Reason.INVALID_CLAIM, "the identity's " + name + " is not a string");
        }
    }
}
