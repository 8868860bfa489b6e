package io.lotse.evaluation;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.bot.BotState;
import io.lotse.bot.CustomerInput;
import io.lotse.bot.decision.ConfidenceModel;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How the same test questions would have fared at other answer thresholds, for an operator who
 * weighs more answers against more wrong ones ({@code chatbot.bot.answer-threshold}).
 *
 * <p>Each question goes through the engine again with the hits it got the first time, so the
 * figures are exactly the command's at that threshold (a known question, an article's own title or
 * example question, is looked up again, as it is answered at any threshold); the clarify threshold
 * keeps its ratio to the answer threshold. Nothing is searched again. Each line carries the shares of
 * the report line and its {@code resolved_rate} and {@code top1_rate}. Not thread-safe.
 */
final class ThresholdTable {

    /** The thresholds shown besides the calibrated one. */
    static final double[] THRESHOLDS = {0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70};

    /** One test question as first asked: its text, the article expected ({@code null}: out of scope) and the hits. */
    record Asked(String text, String expected, List<SearchHit> hits) {}

    private final List<Asked> asked = new ArrayList<>();
    private final Function<String, List<Article>> knownQuestions;

    /** @param knownQuestions the knowledge base's lookup of titles and example questions */
    ThresholdTable(Function<String, List<Article>> knownQuestions) {
        this.knownQuestions = knownQuestions;
    }

    void add(String text, String expected, List<SearchHit> hits) {
        asked.add(new Asked(text, expected, hits == null ? List.of() : List.copyOf(hits)));
    }

    /**
     * One line per threshold, lowest first, the calibrated one marked {@code (calibrated)}.
     *
     * @param calibrated the settings the command ran with
     * @param confidence the confidence model it ran with
     * @param articles finds an article by id, as the engine needs it
     * @param locale the page language the questions were asked in
     */
    List<String> lines(BotSettings calibrated, ConfidenceModel confidence, Function<String, Optional<Article>> articles,
            String locale) {
        double ratio = calibrated.answerThreshold() > 0 ? calibrated.clarifyThreshold() / calibrated.answerThreshold() : 1;
        TreeSet<Double> thresholds = new TreeSet<>();
        for (double threshold : THRESHOLDS) {
            thresholds.add(threshold);
        }
        thresholds.add(calibrated.answerThreshold());
        Asked[] current = new Asked[1];
        List<String> lines = new ArrayList<>(thresholds.size());
        for (double threshold : thresholds) {
            BotSettings settings = new BotSettings(threshold, threshold * ratio, calibrated.clarifyMargin(),
                    calibrated.maxUnanswered(), calibrated.candidates());
            Retriever replay = new Retriever() {
                @Override
                public List<SearchHit> search(String query, String language, int limit) {
                    return current[0].hits();
                }

                @Override
                public List<Article> knownQuestion(String text) {
                    return knownQuestions.apply(text);
                }
            };
            BotEngine engine = BotEngine.builder()
                    .retriever(replay).articles(articles).settings(settings).confidence(confidence).build();
            List<Figures.Outcome> outcomes = new ArrayList<>(asked.size());
            for (Asked question : asked) {
                current[0] = question;
                outcomes.add(EvaluateCommand.outcome(question.expected(),
                        engine.respond(BotState.initial(locale), CustomerInput.typed(question.text(), locale)), 0));
            }
            String mark = threshold == calibrated.answerThreshold() ? " (calibrated)" : "";
            Figures figures = Figures.of(outcomes, 0);
            lines.add(String.format(Locale.ROOT, "at answer_threshold=%.3f%s: %s %s", threshold, mark,
                    figures.shares(), figures.resolution()));
        }
        return lines;
    }
}
