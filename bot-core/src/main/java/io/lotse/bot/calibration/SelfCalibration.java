package io.lotse.bot.calibration;

import io.lotse.bot.BotSettings;
import io.lotse.knowledge.KnowledgeBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calibrates the bot's confidence on a knowledge base's own example questions: each is searched in
 * an index that does not hold it (k-fold), and how often the top article was right at each score
 * fits the confidence model and its thresholds.
 *
 * <p>Off-topic questions ({@link OffTopicQuestions}) stand for the out-of-scope questions far from
 * every article, beside the example questions asked as if their article were gone. Without enough
 * example questions the calibration's defaults (fitted once on a public dataset) stand.
 */
public final class SelfCalibration {

    /** Three folds: each question is held out once, two thirds of the rest stay in. */
    static final int FOLDS = 3;
    /** Enough questions for a stable fit; a knowledge base of 15,000 questions calibrates in seconds. */
    static final int MAX_QUESTIONS_PER_LANGUAGE = 2000;
    static final long SEED = 42;

    private SelfCalibration() {}

    /** Fits on the held-out example questions and the off-topic questions of one language, as the chat does for each. */
    public static Calibration.Result of(KnowledgeBase knowledgeBase, String locale, double maxWrongAnswerRate) {
        List<Calibration.Sample> samples = knowledgeBase.heldOutQuestions(locale, FOLDS, SEED, MAX_QUESTIONS_PER_LANGUAGE).stream()
                .map(Calibration.Sample::heldOut)
                .toList();
        return Calibration.fit(samples, offTopic(knowledgeBase, locale), maxWrongAnswerRate);
    }

    /**
     * Fits one calibration per language: the signals differ by language (the packaged embedding
     * models are English), and so do the thresholds that balance right answers against wrong ones.
     */
    public static Map<String, Calibration.Result> byLocale(KnowledgeBase knowledgeBase, double maxWrongAnswerRate) {
        Map<String, Calibration.Result> results = new TreeMap<>();
        knowledgeBase.languages().forEach(locale -> results.put(locale, of(knowledgeBase, locale, maxWrongAnswerRate)));
        return results;
    }

    /** The off-topic questions of a language, searched in the whole knowledge base. */
    private static List<Calibration.Sample> offTopic(KnowledgeBase knowledgeBase, String locale) {
        int candidates = BotSettings.defaults().candidates();
        return OffTopicQuestions.of(locale).stream()
                .map(text -> Calibration.Sample.outOfScope(knowledgeBase.search(text, locale, candidates)))
                .toList();
    }
}
