package io.lotse.web.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens that bind an anonymous customer to one conversation for a while.
 *
 * <p>A token is {@code <conversationId>.<expiry in epoch seconds>.<HMAC-SHA256 of both>}: whoever
 * holds it may resume that conversation until it expires, and a guessed id, a changed expiry or
 * another conversation's token proves nothing. Every connection is welcomed with a new token, so a
 * customer who comes back within the time to live may stay for another.
 */
final class ConversationTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 200;
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");

    private final TokenKeys keys;
    private final Duration ttl;
    private final Clock clock;

    ConversationTokens(TokenKeys keys, Duration ttl, Clock clock) {
        this.keys = keys;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Tokens signed with one fixed secret, valid for 30 days. */
    ConversationTokens(byte[] secret) {
        this(TokenKeys.fixed(secret), Duration.ofDays(30), Clock.systemUTC());
    }

    String issue(String conversationId) {
        String body = conversationId + "." + clock.instant().plus(ttl).getEpochSecond();
        return body + "." + signature(keys.signing(), body);
    }

    /** The conversation id a genuine token that has not expired was issued for; empty for anything else. */
    Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !EXPIRY.matcher(parts[1]).matches() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1];
        byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
        if (!signedByAnyKey(body, given) && !(keys.refreshAfterMiss() && signedByAnyKey(body, given))) {
            return Optional.empty();
        }
        if (Long.parseLong(parts[1]) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(parts[0]);
    }

    private boolean signedByAnyKey(String body, byte[] given) {
        for (byte[] key : keys.accepted()) {
            if (MessageDigest.isEqual(signature(key, body).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    private static String signature(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
