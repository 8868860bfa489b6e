package io.lotse.bot.intents;

import io.lotse.knowledge.Language;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customer text cut into normalised words, each remembering where it stood in the original.
 *
 * <p>A word is lower-cased, apostrophes are dropped ({@code don't} → {@code dont}), German umlauts
 * are spelled out ({@code ä} → {@code ae}, {@code ß} → {@code ss}) and other accents removed; the
 * intent patterns are written against this form. Punctuation between words separates sentence-like
 * segments, so that "Danke! Wie lange dauert …" can be split into small talk and a question.
 */
final class Text {

    /** Possessive, so that "a'a'a'a'…" does not recurse once per apostrophe. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]++(?:['’`´][\\p{L}]++)*+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final String SEGMENT_BREAKS = ".!?;,:\n()";

    /** One word: its normalised form and its place in the original text. */
    record Word(String norm, int start, int end, int segment) {}

    private Text() {}

    static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher matcher = WORD.matcher(text);
        int segment = 0;
        int previousEnd = 0;
        while (matcher.find()) {
            if (breaksSegment(text, previousEnd, matcher.start()) && !words.isEmpty()) {
                segment++;
            }
            words.add(new Word(fold(matcher.group()), matcher.start(), matcher.end(), segment));
            previousEnd = matcher.end();
        }
        return words;
    }

    /** Lower case, umlauts spelled out, other accents and apostrophes removed. */
    static String fold(String word) {
        String lower = Language.umlautsSpelledOut(word.toLowerCase(Locale.ROOT))
                .replaceAll("['’`´]", "");
        boolean ascii = lower.chars().allMatch(c -> c < 128);
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** The normalised words {@code from} (inclusive) to {@code to} (exclusive), joined by single spaces. */
    static String join(List<Word> words, int from, int to) {
        StringBuilder joined = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                joined.append(' ');
            }
            joined.append(words.get(i).norm());
        }
        return joined.toString();
    }

    private static boolean breaksSegment(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (SEGMENT_BREAKS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
