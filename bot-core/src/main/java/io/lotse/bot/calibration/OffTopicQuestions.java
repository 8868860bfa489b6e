package io.lotse.bot.calibration;

import io.lotse.knowledge.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Questions that no customer-support knowledge base answers (the weather, a recipe, a joke), in
 * German and English: what {@link Calibration} holds the confidence against when it has no real
 * out-of-scope questions. Other languages have none.
 */
public final class OffTopicQuestions {

    private static final List<String> GERMAN = read(Language.DE.tag());
    private static final List<String> ENGLISH = read(Language.EN.tag());

    private OffTopicQuestions() {}

    /** The questions of a language ({@code de}, {@code en}, also {@code de-AT} and the like); empty for any other. */
    public static List<String> of(String locale) {
        return Language.of(locale).map(language -> language == Language.DE ? GERMAN : ENGLISH).orElse(List.of());
    }

    private static List<String> read(String locale) {
        String name = "off-topic_" + locale + ".txt";
        try (InputStream in = OffTopicQuestions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
