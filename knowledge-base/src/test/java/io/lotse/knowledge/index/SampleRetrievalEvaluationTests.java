package io.lotse.knowledge.index;

import static io.lotse.knowledge.index.RetrievalEvaluationTests.accuracy;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.articles.ArticleImporter;
import io.lotse.knowledge.index.RetrievalEvaluationTests.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures retrieval on the bundled sample knowledge base (34 articles per language) against the
 * paraphrase sets in {@code evaluation/nordlicht-de} and {@code evaluation/nordlicht-en}: questions
 * that are not example questions, labelled with their article, plus {@code oos} rows the knowledge
 * base cannot answer.
 *
 * <p>For each language and configuration it reports top-1 accuracy of {@code search(text, locale, 5)}
 * on the in-scope rows (as the bot asks), the accuracy each signal would give alone (from a second
 * search returning every candidate), and how the top hit's signals of the right answers and of the
 * {@code oos} rows are spread, with the AUC of each signal between the two, which is what a
 * calibration can separate. Each language runs twice: BM25 only ({@link EmbeddingSettings#disabled()})
 * and fused with the defaults. The sets are a check, not a target: 136 questions written for the
 * samples, so a change worth a question or two is noise; {@code RetrievalEvaluationTests#samples}
 * (example questions held out) is a second check.
 *
 * <p>Off unless asked for (under a minute):
 * {@code ./mvnw -pl knowledge-base test -Dtest=SampleRetrievalEvaluationTests -Dlotse.eval=true -Dsurefire.failIfNoSpecifiedTests=false};
 * the report goes to {@code target/retrieval-evaluation-nordlicht.txt}. {@code -Dlotse.eval.misses=true}
 * also lists each question whose top hit is wrong, and {@code -Dlotse.eval.dump=FOLDER} writes
 * every candidate's signals (see {@link RetrievalEvaluationTests#dump}).
 */
@EnabledIfSystemProperty(named = "lotse.eval", matches = "true")
class SampleRetrievalEvaluationTests {

    private static final Map<String, ToDoubleFunction<SearchHit>> SIGNALS = signals();

    @TempDir
    Path dir;

    private final StringBuilder report = new StringBuilder();

    @Test
    void nordlicht() throws IOException {
        Path folder = Path.of(System.getProperty("lotse.evaluation", "../evaluation"));
        List<Article> samples = ArticleImporter.fromClasspath(KnowledgeBase.class, "samples/").orElseThrow().articles();
        for (String locale : List.of("de", "en")) {
            List<LabelledText> rows = LabelledText.read(folder.resolve("nordlicht-" + locale).resolve("questions.jsonl"));
            List<Article> articles = samples.stream().filter(article -> article.locale().equals(locale)).toList();
            List<LabelledText> inScope = rows.stream().filter(row -> !row.label().equals("oos")).toList();
            List<LabelledText> outOfScope = rows.stream().filter(row -> row.label().equals("oos")).toList();
            line("%n==== nordlicht-%s: articles=%d in_scope=%d oos=%d", locale, articles.size(), inScope.size(), outOfScope.size());
            evaluate(locale, "bm25", EmbeddingSettings.disabled(), articles, inScope, outOfScope);
            evaluate(locale, "fused", EmbeddingSettings.defaults(), articles, inScope, outOfScope);
        }
        Files.writeString(Path.of("target", "retrieval-evaluation-nordlicht.txt"), report);
        assertThat(report).isNotEmpty();
    }

    private void evaluate(String locale, String name, EmbeddingSettings settings, List<Article> articles, List<LabelledText> inScope,
            List<LabelledText> outOfScope) {
        FusionWeights weights = settings.fusionFor(locale);
        List<Outcome> asked;
        List<Outcome> oos;
        try (ArticleIndex index = ArticleIndex.create(dir.resolve(locale + "-" + name), settings)) {
            index.replaceAll(articles);
            asked = search(index, inScope, locale, 5);
            oos = search(index, outOfScope, locale, 5);
        }
        // The same questions with every candidate back, to judge each signal on its own.
        EmbeddingSettings everything = settings.enabled() ? settings.withFusion(locale, weights.withMinCosine(-1)) : settings;
        try (ArticleIndex index = ArticleIndex.create(dir.resolve(locale + "-" + name + "-all"), everything)) {
            index.replaceAll(articles);
            List<Outcome> all = search(index, inScope, locale, 100);
            RetrievalEvaluationTests.dump("nordlicht-" + locale + "-" + name, all);
            RetrievalEvaluationTests.dump("nordlicht-" + locale + "-" + name + "-oos", search(index, outOfScope, locale, 100));
            line("%n== %s %s (bm25 %.2f, coverage %.2f, cosine %.2f, probability %.2f, minCosine %.2f)", locale, name,
                    weights.bm25(), weights.coverage(), weights.cosine(), weights.probability(), weights.minCosine());
            line("top-1 search(text, %s, 5): %.4f (%d/%d)", locale, (double) right(asked) / asked.size(), right(asked), asked.size());
            line("top-1 by one signal: bm25=%.4f coverage=%.4f cosine=%.4f head=%.4f", accuracy(all, SearchHit::bm25),
                    accuracy(all, SearchHit::coverage), accuracy(all, SearchHit::cosine), accuracy(all, SearchHit::probability));
        }
        if (Boolean.getBoolean("lotse.eval.misses")) {
            for (int i = 0; i < asked.size(); i++) {
                String top = top(asked.get(i));
                if (!top.equals(asked.get(i).label())) {
                    line("  miss: %s → %s (want %s)", inScope.get(i).text(), top, asked.get(i).label());
                }
            }
        }
        reportSeparation(asked, oos, settings.enabled());
    }

    private static List<Outcome> search(ArticleIndex index, List<LabelledText> rows, String locale, int limit) {
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            outcomes.add(new Outcome(row.label(), index.search(row.text(), locale, limit), 0));
        }
        return outcomes;
    }

    /** How the top hit's signals of right answers and of oos rows spread, and how well each tells them apart. */
    private void reportSeparation(List<Outcome> asked, List<Outcome> oos, boolean embeddings) {
        List<SearchHit> rightTops = asked.stream()
                .filter(outcome -> top(outcome).equals(outcome.label()))
                .map(outcome -> outcome.hits().getFirst())
                .toList();
        List<SearchHit> oosTops = oos.stream()
                .filter(outcome -> !outcome.hits().isEmpty())
                .map(outcome -> outcome.hits().getFirst())
                .toList();
        long oosWithoutHit = oos.size() - oosTops.size();
        line("oos with a hit: %d/%d", oosTops.size(), oos.size());
        line("top hit's signals, p10/p50/p90: right answers (n=%d) | oos (n=%d) | AUC right > oos (oos without a hit count as lowest)",
                rightTops.size(), oosTops.size());
        SIGNALS.forEach((signal, value) -> {
            if (!embeddings && (signal.equals("cosine") || signal.equals("probability"))) {
                return;
            }
            double[] right = values(rightTops, value);
            double[] wrong = values(oosTops, value);
            line("  %-12s %s | %s | AUC %.3f", signal, quantiles(right), quantiles(wrong), auc(right, wrong, oosWithoutHit));
        });
    }

    private static String top(Outcome outcome) {
        return outcome.hits().isEmpty() ? "-" : outcome.hits().getFirst().article().id();
    }

    private static Map<String, ToDoubleFunction<SearchHit>> signals() {
        Map<String, ToDoubleFunction<SearchHit>> signals = new LinkedHashMap<>();
        signals.put("bm25", SearchHit::bm25);
        signals.put("coverage", SearchHit::coverage);
        signals.put("cosine", SearchHit::cosine);
        signals.put("probability", SearchHit::probability);
        signals.put("score", SearchHit::score);
        return signals;
    }

    private static int right(List<Outcome> outcomes) {
        return (int) outcomes.stream().filter(outcome -> top(outcome).equals(outcome.label())).count();
    }

    private static double[] values(List<SearchHit> hits, ToDoubleFunction<SearchHit> signal) {
        double[] values = hits.stream().mapToDouble(signal).map(value -> Double.isNaN(value) ? 0 : value).toArray();
        Arrays.sort(values);
        return values;
    }

    private static String quantiles(double[] sorted) {
        if (sorted.length == 0) {
            return "        –        ";
        }
        return String.format(Locale.ROOT, "%5.2f/%5.2f/%5.2f", at(sorted, 0.1), at(sorted, 0.5), at(sorted, 0.9));
    }

    private static double at(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** The chance that a right answer's signal is above an oos row's; oos rows without a hit are below every answer. */
    private static double auc(double[] right, double[] oos, long oosWithoutHit) {
        if (right.length == 0 || oos.length + oosWithoutHit == 0) {
            return Double.NaN;
        }
        double wins = 0;
        for (double r : right) {
            wins += oosWithoutHit;
            for (double o : oos) {
                wins += r > o ? 1 : r == o ? 0.5 : 0;
            }
        }
        return wins / ((double) right.length * (oos.length + oosWithoutHit));
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }
}
