package io.lotse.web.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens that bind an anonymous customer to one conversation.
 *
 * <p>A token is {@code <conversationId>.<HMAC-SHA256 of the id>}: whoever holds it may resume that
 * conversation, and a guessed id or another conversation's token proves nothing.
 */
final class ConversationTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 200;

    private final SecretKeySpec key;

    ConversationTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    String issue(String conversationId) {
        return conversationId + "." + signature(conversationId);
    }

    /** The conversation id a genuine token was issued for; empty for anything else. */
    Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String conversationId = token.substring(0, dot);
        byte[] expected = signature(conversationId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(conversationId) : Optional.empty();
    }

    private String signature(String conversationId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(conversationId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
