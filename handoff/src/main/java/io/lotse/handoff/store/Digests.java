package io.lotse.handoff.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of text: script SHAs and hashed identities in keys. */
final class Digests {

    private Digests() {}

    /** The digest of the text's UTF-8 bytes in lower-case hex, by an algorithm every JDK has (SHA-1, SHA-256). */
    static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
