package io.lotse.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a few minutes, user names and passwords that were just verified, so that an agent's
 * tool calling the API with HTTP Basic pays for the password hash (bcrypt: tens of milliseconds of
 * CPU, by design) once, not on every call.
 *
 * <p>What is kept is never the password: each entry is keyed by the user name and an HMAC-SHA256 of
 * the name and password under a random key made at start and never stored, so neither a heap dump nor
 * the cache can give a password back or be checked against guesses offline without that key. Only
 * successful logins are kept; a wrong password always reaches the delegate (and so every
 * failed-login count and event). Users come from properties, so they change only with a restart, which
 * starts with an empty cache and a new key.
 */
final class VerifiedCredentials implements AuthenticationProvider {

    /** How long a verified login is remembered. */
    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final SecretKeySpec key;
    private final Cache<String, Authentication> verified;

    /** Around a provider that really checks passwords, such as a {@code DaoAuthenticationProvider}. */
    VerifiedCredentials(AuthenticationProvider delegate) {
        this(delegate, TTL, Ticker.systemTicker());
    }

    VerifiedCredentials(AuthenticationProvider delegate, Duration ttl, Ticker ticker) {
        this.delegate = delegate;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).ticker(ticker).build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken login)
                || !(login.getCredentials() instanceof String password) || login.getName() == null) {
            return delegate.authenticate(authentication);
        }
        String cacheKey = cacheKey(login.getName(), password);
        Authentication known = verified.getIfPresent(cacheKey);
        if (known != null) {
            UsernamePasswordAuthenticationToken again = UsernamePasswordAuthenticationToken.authenticated(
                    known.getPrincipal(), null, known.getAuthorities());
            again.setDetails(authentication.getDetails());
            return again;
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            verified.put(cacheKey, result);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private String cacheKey(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return name + "\n" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
