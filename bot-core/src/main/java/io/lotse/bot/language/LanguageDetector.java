package io.lotse.bot.language;

import io.lotse.knowledge.Language;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells German from English in a customer message, from stop words and characters.
 *
 * <p>Each German function word ("der", "ich", "nicht", …) and each word with an umlaut or ß counts
 * for German; each English function word ("the", "is", "my", …) and each English contraction
 * ("don't", "I'm") counts for English. Words common to both languages ("was", "will", "in", "so")
 * count for neither. A language wins with at least two points and at least twice the other's; a
 * short or mixed message ("Hallo", "Router kaputt", "ok thanks") keeps the fallback. Thread-safe.
 */
public final class LanguageDetector {

    private static final int MIN_EVIDENCE = 2;

    private static final Pattern WORD = Pattern.compile("[\\p{L}]++(?:['’][\\p{L}]++)*+");
    private static final Pattern CONTRACTION = Pattern.compile(".+['’](?:t|m|re|ve|ll|d)$");

    private static final Set<String> GERMAN = folded(
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
            "und", "oder", "aber", "ist", "sind", "bin", "bist", "waren", "wird", "werden", "wurde", "habe",
            "hast", "hat", "haben", "hatte", "ich", "du", "sie", "wir", "ihr", "er", "es", "mein", "meine",
            "meinen", "meinem", "meiner", "dein", "deine", "ihre", "ihren", "ihrem", "unser", "unsere", "nicht",
            "kein", "keine", "keinen", "nichts", "noch", "schon", "auch", "nur", "mit", "von", "zu", "zum", "zur",
            "für", "auf", "aus", "bei", "nach", "über", "unter", "vor", "wie", "wer", "wo", "wann", "warum",
            "wieso", "weshalb", "welche", "welcher", "welches", "kann", "können", "könnte", "muss", "müssen",
            "möchte", "wollen", "soll", "sollte", "bitte", "danke", "nein", "ja", "doch", "mal", "gibt", "geht",
            "funktioniert", "dass", "wenn", "weil", "ob", "sich", "mich", "mir", "dich", "dir", "uns", "euch",
            "ihnen", "hallo", "guten", "tschüss", "jetzt", "immer", "gerne", "gern", "hier", "dort", "wieder",
            "lange", "dauert", "bestellung", "leider", "sehr", "viel", "vielen", "dank", "hilfe",
            // spelled out where the keyboard has no umlauts
            "fuer", "ueber", "moechte", "koennen", "koennte", "muessen", "tschuess");

    private static final Set<String> ENGLISH = folded(
            "the", "a", "and", "or", "but", "is", "are", "were", "be", "been", "being", "do", "does", "did",
            "have", "has", "had", "i", "you", "he", "she", "it", "we", "they", "my", "your", "our", "their",
            "me", "him", "us", "them", "this", "that", "these", "those", "what", "when", "where", "why", "how",
            "who", "which", "can", "could", "would", "should", "shall", "must", "may", "might", "not", "no",
            "yes", "please", "thanks", "thank", "hello", "to", "of", "on", "at", "for", "from", "with", "about",
            "into", "by", "there", "here", "get", "got", "want", "need", "still", "just", "again", "any", "some",
            "if", "than", "then", "long", "take", "order", "work", "working", "doesnt", "dont", "cant", "isnt",
            "didnt", "im", "its");

    private LanguageDetector() {}

    /**
     * The language of a text.
     *
     * @param text the customer's message; {@code null} counts as empty
     * @param fallback the language to keep when the text does not clearly say otherwise
     *     ({@code de…} or {@code en…}; anything else, {@code null} included, means {@code en})
     * @return {@code "de"} or {@code "en"}
     */
    public static String detect(String text, String fallback) {
        String clear = clearLanguage(text);
        return clear != null ? clear : Language.orEnglish(fallback).tag();
    }

    /**
     * The language of a text when its evidence is clear (at least two points, and at least twice
     * the other language's); {@code null} when it is thin or mixed ("Versand", "Router kaputt",
     * "Rechnungskopie herunterladen"), where {@link #detect} keeps the fallback.
     *
     * @param text the customer's message; {@code null} counts as empty
     * @return {@code "de"}, {@code "en"} or {@code null}
     */
    public static String clearLanguage(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int german = 0;
        int english = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            String folded = fold(word);
            boolean germanWord = GERMAN.contains(folded) || hasGermanLetter(word);
            boolean englishWord = ENGLISH.contains(folded) || CONTRACTION.matcher(word).matches();
            if (germanWord && !englishWord) {
                german++;
            } else if (englishWord && !germanWord) {
                english++;
            }
        }
        if (german >= MIN_EVIDENCE && german >= 2 * english) {
            return Language.DE.tag();
        }
        if (english >= MIN_EVIDENCE && english >= 2 * german) {
            return Language.EN.tag();
        }
        return null;
    }

    private static boolean hasGermanLetter(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == 'ä' || c == 'ö' || c == 'ü' || c == 'ß') {
                return true;
            }
        }
        return false;
    }

    /** Umlauts to plain vowels (so "mochte" and "möchte" both count), apostrophes dropped. */
    private static String fold(String word) {
        return Language.umlautsAsVowels(word)
                .replace("'", "")
                .replace("’", "");
    }

    private static Set<String> folded(String... words) {
        return Set.copyOf(List.of(words).stream().map(LanguageDetector::fold).toList());
    }
}
