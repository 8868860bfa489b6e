package io.lotse.knowledge;

import java.util.Locale;
import java.util.Optional;

/**
 * The two languages the product speaks, German and English: their tags, how a page's or an
 * article's locale reads as one of them, and how German is typed without umlauts.
 *
 * <p>{@link #tag()} is the code in files, JSON, frames and properties ({@code de}, {@code en}). The
 * knowledge base takes articles in any two-letter language and searches the others with Lucene's
 * standard analysis; only these two have analyzers, replies, intents and off-topic questions of
 * their own.
 */
public enum Language {
    DE("de"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** {@code de} or {@code en}. */
    public String tag() {
        return tag;
    }

    /** The other one: English for German, German for English. */
    public Language other() {
        return this == DE ? EN : DE;
    }

    /**
     * The language of a locale such as {@code de}, {@code de-AT}, {@code EN_gb} (any case, blanks
     * around); empty for any other language, a longer code without a separator ({@code deu}) and
     * {@code null}.
     */
    public static Optional<Language> of(String locale) {
        if (locale == null) {
            return Optional.empty();
        }
        String lower = locale.trim().toLowerCase(Locale.ROOT);
        String language = lower.length() > 2 && (lower.charAt(2) == '-' || lower.charAt(2) == '_')
                ? lower.substring(0, 2)
                : lower;
        return fromTag(language);
    }

    /** The language of a locale as {@link #of} reads it; English for any other. */
    public static Language orEnglish(String locale) {
        return of(locale).orElse(EN);
    }

    /** The language whose tag this is, exactly ({@code de} or {@code en}, lower case); empty for anything else. */
    public static Optional<Language> fromTag(String tag) {
        if (DE.tag.equals(tag)) {
            return Optional.of(DE);
        }
        return EN.tag.equals(tag) ? Optional.of(EN) : Optional.empty();
    }

    /**
     * German typed without umlauts the long way: ä, ö, ü as ae, oe, ue and ß as ss ("fuer",
     * "moechte"); every other character stays. Meant for lower-case text (an upper-case umlaut stays).
     */
    public static String umlautsSpelledOut(String lowerCase) {
        return lowerCase.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
    }

    /**
     * German typed without umlauts the short way: ä, ö, ü as a, o, u and ß as ss ("fur", "mochte");
     * every other character stays. Meant for lower-case text (an upper-case umlaut stays).
     *
     * <p>A customer writes either; code that compares words folds both ways or lists both. The
     * search does neither: its German analysis (Lucene's {@code GermanNormalizationFilter}) folds
     * "für", "fuer" and "fur" all to "fur", and whatever compares with the index uses that.
     */
    public static String umlautsAsVowels(String lowerCase) {
        return lowerCase.replace('ä', 'a').replace('ö', 'o').replace('ü', 'u').replace("ß", "ss");
    }
}
