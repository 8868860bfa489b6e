package io.lotse.bot;

import io.lotse.knowledge.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The bot's own texts in one language, read once from {@code messages_<locale>.properties} (UTF-8).
 *
 * <p>Every {@link Phrase} must be present in every language; a missing one fails at class loading,
 * not in the middle of a conversation. German texts address the customer as "Sie".
 */
final class Messages {

    private static final Messages GERMAN = load(Language.DE.tag());
    private static final Messages ENGLISH = load(Language.EN.tag());

    private final String locale;
    private final Map<Phrase, String> texts;

    private Messages(String locale, Map<Phrase, String> texts) {
        this.locale = locale;
        this.texts = texts;
    }

    /** The catalogue for {@code de} or {@code en}; English for anything else. */
    static Messages of(String locale) {
        return Language.orEnglish(locale) == Language.DE ? GERMAN : ENGLISH;
    }

    String locale() {
        return locale;
    }

    String text(Phrase phrase) {
        return texts.get(phrase);
    }

    /** The text with each {@code {name}} replaced; pairs of name and value follow the phrase. */
    String text(Phrase phrase, String... namesAndValues) {
        String text = texts.get(phrase);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        return text;
    }

    /** {@code „title“} in German, {@code “title”} in English. */
    String quoted(String title) {
        return text(Phrase.QUOTE_OPEN) + title + text(Phrase.QUOTE_CLOSE);
    }

    private static Messages load(String locale) {
        String resource = "messages_" + locale + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Message catalogue " + resource + " is missing");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read message catalogue " + resource, e);
        }
        Map<Phrase, String> texts = new EnumMap<>(Phrase.class);
        for (Phrase phrase : Phrase.values()) {
            String text = properties.getProperty(phrase.key());
            if (text == null || text.isBlank()) {
                throw new IllegalStateException(resource + " lacks " + phrase.key());
            }
            texts.put(phrase, text.strip());
        }
        return new Messages(locale, texts);
    }
}
