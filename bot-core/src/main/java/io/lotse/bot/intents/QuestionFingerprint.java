package io.lotse.bot.intents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A short hash that is the same for the same question asked again, so that the bot can tell a
 * repeated question without keeping the customer's words in its state.
 *
 * <p>"Nearly the same" is: the same words in {@link Text}'s normalised form, in any order, each
 * counted once, ignoring case, punctuation and marks ("Wo ist mein Paket???"), and ignoring words
 * that only say it is asked again or politely ("bitte", "nochmal", "again", "please", "ich frage
 * jetzt nochmal"). Any other word makes it another question: "Wie lange dauert der Versand nach
 * Österreich?" is not "Wie lange dauert der Versand?". Stateless and thread-safe.
 */
public final class QuestionFingerprint {

    /** Words that say nothing about what is asked. */
    private static final Set<String> IGNORED = Set.of(
            "bitte", "nochmal", "nochmals", "noch", "einmal", "mal", "erneut", "wieder", "doch", "denn", "jetzt",
            "nun", "eigentlich", "ich", "frage", "frag", "fragte", "also", "ok", "okay", "hallo", "hey", "hi",
            "und", "aber", "ja", "so", "hier", "schon", "please", "pls", "plz", "again", "once", "more", "now",
            "i", "ask", "asked", "asking", "am", "said", "hello", "and", "but", "yes", "well", "still",
            "just", "then", "dann", "really", "wirklich");

    /** Hex digits kept of the SHA-256: 64 bits, plenty to tell two consecutive questions apart. */
    private static final int LENGTH = 16;

    private QuestionFingerprint() {}

    /** The fingerprint of a question, or {@code null} when nothing of it is left to compare. */
    public static String of(String question) {
        List<Text.Word> words = Text.words(question);
        Set<String> kept = new TreeSet<>();
        for (Text.Word word : words) {
            if (!IGNORED.contains(word.norm())) {
                kept.add(word.norm());
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(" ", kept).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
