package io.lotse.bot.language;

import java.util.Locale;

/** The languages the bot speaks, and how a page's locale maps onto them. */
public final class Locales {

    public static final String GERMAN = "de";
    public static final String ENGLISH = "en";

    private Locales() {}

    /** {@code de} or {@code en} for a locale such as {@code de}, {@code de-AT}, {@code EN_gb}; {@code null} otherwise. */
    public static String supported(String locale) {
        if (locale == null) {
            return null;
        }
        String lower = locale.trim().toLowerCase(Locale.ROOT);
        String language = lower.length() > 2 && (lower.charAt(2) == '-' || lower.charAt(2) == '_')
                ? lower.substring(0, 2)
                : lower;
        return switch (language) {
            case GERMAN -> GERMAN;
            case ENGLISH -> ENGLISH;
            default -> null;
        };
    }

    public static String supportedOrEnglish(String locale) {
        String supported = supported(locale);
        return supported == null ? ENGLISH : supported;
    }
}
