package io.lotse.evaluation;

import io.lotse.bot.language.LanguageDetector;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.Language;
import java.util.List;

/** The language of a dataset, from its texts, when {@code --locale} does not name it. */
public final class DatasetLanguage {

    private static final String GERMAN = Language.DE.tag();
    private static final String ENGLISH = Language.EN.tag();

    private DatasetLanguage() {}

    /**
     * {@code de} when more of the texts read clearly German than clearly English (by the chat's own
     * {@link LanguageDetector}), else {@code en}.
     */
    public static String of(List<LabelledText> rows) {
        int german = 0;
        int english = 0;
        for (LabelledText row : rows) {
            String asGerman = LanguageDetector.detect(row.text(), GERMAN);
            String asEnglish = LanguageDetector.detect(row.text(), ENGLISH);
            if (asGerman.equals(asEnglish)) { // the text decided, not the fallback
                if (asGerman.equals(GERMAN)) {
                    german++;
                } else {
                    english++;
                }
            }
        }
        return german > english ? GERMAN : ENGLISH;
    }
}
