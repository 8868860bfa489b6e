package io.lotse.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.articles.ArticleImporter;
import io.lotse.knowledge.embeddings.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures retrieval on a public intent data set: each label of {@code train.jsonl} becomes one
 * English article whose example questions are its texts; every in-scope row of {@code valid.jsonl}
 * and {@code test.jsonl} is searched and the top article compared with its label.
 *
 * <p>Slow (minutes), so off unless asked for:
 * {@code ./mvnw -pl knowledge-base test -Dtest=RetrievalEvaluationTests -Dlotse.eval=true -Dsurefire.failIfNoSpecifiedTests=false}
 * with optional {@code -Dlotse.eval.dataset=banking77} and
 * {@code -Dlotse.eval.models=BGE_SMALL_EN_V15_Q,ALL_MINILM_L6_V2_Q}. The report goes to
 * {@code target/retrieval-evaluation-<dataset>.txt}. Fusion weights are chosen on valid (when the
 * data set has one) and reported on test; test never chooses anything.
 */
@EnabledIfSystemProperty(named = "lotse.eval", matches = "true")
class RetrievalEvaluationTests {

    private static final double[] BM25_WEIGHTS = {0, 0.1, 0.2, 0.4, 0.8};
    private static final double[] COVERAGE_WEIGHTS = {0, 0.1, 0.3};
    private static final double[] COSINE_WEIGHTS = {0, 0.2, 0.5, 1.0};

    @TempDir
    Path dir;

    private final StringBuilder report = new StringBuilder();

    /** One searched question: its label and every candidate's signals. */
    record Outcome(String label, List<SearchHit> hits, long nanos) {}

    @Test
    void evaluate() throws IOException {
        String dataset = System.getProperty("lotse.eval.dataset", "clinc150");
        Path folder = Path.of(System.getProperty("lotse.datasets", "../../shared/datasets")).resolve(dataset);
        List<LabelledText> train = LabelledText.read(folder.resolve("train.jsonl"));
        List<LabelledText> valid = Files.exists(folder.resolve("valid.jsonl")) ? inScope(LabelledText.read(folder.resolve("valid.jsonl"))) : List.of();
        List<LabelledText> test = inScope(LabelledText.read(folder.resolve("test.jsonl")));
        List<Article> articles = articles(train);
        line("dataset=%s articles=%d examples=%d valid=%d test=%d cores=%d java=%s", dataset, articles.size(),
                articles.stream().mapToInt(a -> a.questions().size()).sum(), valid.size(), test.size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        evaluate("NONE", EmbeddingSettings.disabled(), articles, valid, test);
        for (String model : System.getProperty("lotse.eval.models", "ALL_MINILM_L6_V2_Q,BGE_SMALL_EN_V15_Q").split(",")) {
            EmbeddingSettings settings = EmbeddingSettings.packaged(EmbeddingSettings.Model.valueOf(model.strip()))
                    // Every candidate comes back, so that each signal can be judged on its own.
                    .withFusion("en", new FusionWeights(0.2, 0.1, 0.2, 1.0, -1.0));
            evaluate(model.strip(), settings, articles, valid, test);
        }
        Path out = Path.of("target", "retrieval-evaluation-" + dataset + ".txt");
        Files.writeString(out, report);
        System.out.println(report);
        assertThat(report).isNotEmpty();
    }

    private void evaluate(String name, EmbeddingSettings settings, List<Article> articles, List<LabelledText> valid, List<LabelledText> test) {
        long start = System.nanoTime();
        try (ArticleIndex index = ArticleIndex.create(dir.resolve(name), settings)) {
            index.replaceAll(articles);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            for (LabelledText row : valid.isEmpty() ? test.subList(0, Math.min(300, test.size())) : valid.subList(0, Math.min(300, valid.size()))) {
                index.search(row.text(), "en", 100); // warm-up
            }
            // Engine time as the bot sees it: a few hits, each question new to the cache.
            long[] times = timed(index, test, 0, test.size());
            long[] embedding = new long[0];
            if (index.embedder() != null) {
                Embedder uncached = Embedder.of(settings.withQueryCacheSize(0));
                embedding = new long[Math.min(1000, test.size())];
                for (int i = 0; i < embedding.length; i++) {
                    long t = System.nanoTime();
                    uncached.embedQuery(test.get(i).text());
                    embedding[i] = System.nanoTime() - t;
                }
                Arrays.sort(embedding);
            }
            // The last questions asked are in the caches now: this is a customer asking again.
            long[] repeated = timed(index, test, Math.max(0, test.size() - 1000), test.size());
            List<Outcome> validOutcomes = run(index, valid);
            List<Outcome> testOutcomes = run(index, test);
            // Other searches (limit 100) pushed the results out; the last 2048 vectors are still cached.
            long[] vectorCached = timed(index, test, Math.max(0, test.size() - 1000), test.size());
            line("%n== %s: index_s=%.1f p50_ms=%.2f p99_ms=%.2f repeated_p50_ms=%.3f repeated_p99_ms=%.3f"
                    + " vector_cached_p50_ms=%.3f vector_cached_p99_ms=%.3f embedding_p50_ms=%.2f embedding_p99_ms=%.2f",
                    name, buildSeconds, percentile(times, 0.5), percentile(times, 0.99), percentile(repeated, 0.5),
                    percentile(repeated, 0.99), percentile(vectorCached, 0.5), percentile(vectorCached, 0.99),
                    percentile(embedding, 0.5), percentile(embedding, 0.99));
            line("top-1 test: bm25=%.4f cosine=%.4f head=%.4f fused(default)=%.4f", accuracy(testOutcomes, SearchHit::bm25),
                    accuracy(testOutcomes, SearchHit::cosine), accuracy(testOutcomes, SearchHit::probability),
                    accuracy(testOutcomes, fused(FusionWeights.defaultFor("en"))));
            if (settings.enabled()) {
                line("top-1 valid: bm25=%.4f cosine=%.4f head=%.4f fused(default)=%.4f", accuracy(validOutcomes, SearchHit::bm25),
                        accuracy(validOutcomes, SearchHit::cosine), accuracy(validOutcomes, SearchHit::probability),
                        accuracy(validOutcomes, fused(FusionWeights.defaultFor("en"))));
                chooseWeights(validOutcomes, testOutcomes);
            }
        }
    }

    private static long[] timed(ArticleIndex index, List<LabelledText> rows, int from, int to) {
        long[] nanos = new long[to - from];
        for (int i = from; i < to; i++) {
            long t = System.nanoTime();
            index.search(rows.get(i).text(), "en", 5);
            nanos[i - from] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The bundled sample articles, each with one example question held out and searched (three
     * rounds, a different question each): small, few-shot, and with {@link SampleRetrievalEvaluationTests}
     * the only German data here. {@code -Dlotse.eval.misses=true} lists the questions whose top hit is wrong.
     */
    @Test
    void samples() throws IOException {
        List<Article> all = ArticleImporter.fromClasspath(KnowledgeBase.class, "samples/").orElseThrow().articles();
        for (String locale : List.of("de", "en")) {
            for (String model : List.of("NONE", EmbeddingSettings.DEFAULT_MODEL.name())) {
                EmbeddingSettings.Model choice = EmbeddingSettings.Model.valueOf(model);
                List<Outcome> outcomes = new ArrayList<>();
                for (int held = 0; held < 3; held++) {
                    List<Article> articles = new ArrayList<>();
                    List<LabelledText> questions = new ArrayList<>();
                    for (Article article : all) {
                        if (!article.locale().equals(locale)) {
                            continue;
                        }
                        List<String> kept = new ArrayList<>(article.questions());
                        if (kept.size() > held + 2) {
                            questions.add(new LabelledText(kept.remove(kept.size() - 1 - held), article.id()));
                        }
                        articles.add(new Article(article.id(), locale, article.title(), kept, article.tags(), article.category(),
                                article.type(), article.body()));
                    }
                    EmbeddingSettings settings = choice == EmbeddingSettings.Model.NONE ? EmbeddingSettings.disabled()
                            : EmbeddingSettings.packaged(choice).withFusion(locale, FusionWeights.defaultFor(locale, choice).withMinCosine(-1));
                    try (ArticleIndex index = ArticleIndex.create(dir.resolve(locale + model + held), settings)) {
                        index.replaceAll(articles);
                        for (LabelledText question : questions) {
                            List<SearchHit> hits = index.search(question.text(), locale, 100);
                            outcomes.add(new Outcome(question.label(), hits, 0));
                            String top = hits.isEmpty() ? "-" : hits.getFirst().article().id();
                            if (Boolean.getBoolean("lotse.eval.misses") && !top.equals(question.label())) {
                                line("  miss %s %s: %s → %s (want %s)", locale, model, question.text(), top, question.label());
                            }
                        }
                    }
                }
                dump("samples-" + locale + "-" + model, outcomes);
                FusionWeights weights = FusionWeights.defaultFor(locale, choice);
                line("samples %s %s n=%d top-1: bm25=%.3f cosine=%.3f head=%.3f fused(default)=%.3f", locale, model, outcomes.size(),
                        accuracy(outcomes, SearchHit::bm25), accuracy(outcomes, SearchHit::cosine), accuracy(outcomes, SearchHit::probability),
                        accuracy(outcomes, fused(weights)));
            }
        }
        Files.writeString(Path.of("target", "retrieval-evaluation-samples.txt"), report);
    }

    /**
     * With {@code -Dlotse.eval.dump=FOLDER}, writes every candidate's signals of each question to
     * {@code FOLDER/NAME.tsv} (question, label, article, bm25, coverage, cosine, probability), for
     * trying other fusions outside the JVM.
     */
    static void dump(String name, List<Outcome> outcomes) {
        String folder = System.getProperty("lotse.eval.dump");
        if (folder == null) {
            return;
        }
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            for (SearchHit hit : outcome.hits()) {
                tsv.append(String.format(Locale.ROOT, "%d\t%s\t%s\t%.6f\t%.6f\t%.6f\t%.6f%n", i, outcome.label(), hit.article().id(),
                        hit.bm25(), hit.coverage(), hit.cosine(), hit.probability()));
            }
            if (outcome.hits().isEmpty()) {
                tsv.append(String.format(Locale.ROOT, "%d\t%s\t-\t0\t0\tNaN\tNaN%n", i, outcome.label()));
            }
        }
        try {
            Files.createDirectories(Path.of(folder));
            Files.writeString(Path.of(folder, name + ".tsv"), tsv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Outcome> run(ArticleIndex index, List<LabelledText> rows) {
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            long t = System.nanoTime();
            List<SearchHit> hits = index.search(row.text(), "en", 100);
            outcomes.add(new Outcome(id(row.label()), hits, System.nanoTime() - t));
        }
        return outcomes;
    }

    /** The best weights on valid (probability weight 1, then without the head), reported on test. */
    private void chooseWeights(List<Outcome> valid, List<Outcome> test) {
        if (valid.isEmpty()) {
            return;
        }
        for (FusionWeights weights : List.of(FusionWeights.ENGLISH, FusionWeights.OTHER, new FusionWeights(0.2, 0.1, 0.5, 1, -1))) {
            line("weights bm25=%.1f coverage=%.1f cosine=%.1f probability=%.1f → valid=%.4f test=%.4f", weights.bm25(), weights.coverage(),
                    weights.cosine(), weights.probability(), accuracy(valid, fused(weights)), accuracy(test, fused(weights)));
        }
        for (double probability : new double[] {1.0, 0.0}) {
            FusionWeights best = null;
            double bestAccuracy = -1;
            for (double bm25 : BM25_WEIGHTS) {
                for (double coverage : COVERAGE_WEIGHTS) {
                    for (double cosine : COSINE_WEIGHTS) {
                        if (bm25 + coverage + cosine + probability == 0) {
                            continue;
                        }
                        FusionWeights weights = new FusionWeights(bm25, coverage, cosine, probability, -1);
                        double accuracy = accuracy(valid, fused(weights));
                        if (accuracy > bestAccuracy + 1e-9) {
                            best = weights;
                            bestAccuracy = accuracy;
                        }
                    }
                }
            }
            line("best on valid (probability=%.0f): bm25=%.1f coverage=%.1f cosine=%.1f → valid=%.4f test=%.4f", probability,
                    best.bm25(), best.coverage(), best.cosine(), bestAccuracy, accuracy(test, fused(best)));
        }
    }

    interface Scorer {
        double score(SearchHit hit, double topBm25);
    }

    /** The fused score of a hit under other weights, recomputed from its signals. */
    static Scorer fused(FusionWeights weights) {
        return (hit, topBm25) -> weights.bm25() * (topBm25 > 0 ? hit.bm25() / topBm25 : 0) + weights.coverage() * hit.coverage()
                + weights.cosine() * orZero(hit.cosine()) + weights.probability() * orZero(hit.probability());
    }

    static double accuracy(List<Outcome> outcomes, ToDoubleFunction<SearchHit> signal) {
        return accuracy(outcomes, (hit, top) -> signal.applyAsDouble(hit));
    }

    static double accuracy(List<Outcome> outcomes, Scorer scorer) {
        if (outcomes.isEmpty()) {
            return Double.NaN;
        }
        int right = 0;
        for (Outcome outcome : outcomes) {
            double top = outcome.hits().stream().mapToDouble(SearchHit::bm25).max().orElse(0);
            SearchHit best = outcome.hits().stream()
                    .max(Comparator.comparingDouble((SearchHit hit) -> orMinus(scorer.score(hit, top)))
                            .thenComparing(hit -> hit.article().id(), Comparator.reverseOrder()))
                    .orElse(null);
            if (best != null && orMinus(scorer.score(best, top)) > 0 && best.article().id().equals(outcome.label())) {
                right++;
            }
        }
        return (double) right / outcomes.size();
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static double orMinus(double value) {
        return Double.isNaN(value) ? -1 : value;
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    /** One English article per in-scope label, its example questions the label's texts, as these harnesses have always built them. */
    static List<Article> articles(List<LabelledText> train) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        for (LabelledText row : train) {
            if (!row.label().equals("oos")) {
                byLabel.computeIfAbsent(row.label(), label -> new ArrayList<>()).add(row.text());
            }
        }
        List<Article> articles = new ArrayList<>();
        byLabel.forEach((label, questions) -> {
            String title = label.replace('_', ' ');
            articles.add(new Article(id(label), "en", title, questions, List.of(), "evaluation", ArticleType.FAQ,
                    "The answer about " + title + "."));
        });
        return articles;
    }

    static String id(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static List<LabelledText> inScope(List<LabelledText> rows) {
        return rows.stream().filter(row -> !row.label().equals("oos")).toList();
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }
}
