package io.lotse.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.HeldOutQuestion;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Held-out questions on a public data set: how long they take and whether their top-1 accuracy
 * predicts the accuracy on the data set's test split, which is what calibrating on them assumes.
 *
 * <p>Slow (the index build embeds every question), so off unless asked for:
 * {@code ./mvnw -pl knowledge-base test -Dtest=HeldOutEvaluationTests -Dlotse.eval=true -Dsurefire.failIfNoSpecifiedTests=false}
 * with optional {@code -Dlotse.eval.dataset=banking77}. The report goes to
 * {@code target/held-out-evaluation-<dataset>.txt}.
 */
@EnabledIfSystemProperty(named = "lotse.eval", matches = "true")
class HeldOutEvaluationTests {

    @TempDir
    Path dir;

    @Test
    void heldOutAccuracyAndTime() throws IOException {
        String dataset = System.getProperty("lotse.eval.dataset", "clinc150");
        Path folder = Path.of(System.getProperty("lotse.datasets", "../../shared/datasets")).resolve(dataset);
        List<LabelledText> test = LabelledText.read(folder.resolve("test.jsonl")).stream()
                .filter(row -> !row.label().equals("oos"))
                .toList();
        List<Article> articles = RetrievalEvaluationTests.articles(LabelledText.read(folder.resolve("train.jsonl")));
        StringBuilder report = new StringBuilder();
        try (ArticleIndex index = ArticleIndex.create(dir.resolve("index"), EmbeddingSettings.defaults())) {
            long start = System.nanoTime();
            index.replaceAll(articles);
            line(report, "dataset=%s articles=%d examples=%d cores=%d index_s=%.1f", dataset, articles.size(),
                    articles.stream().mapToInt(article -> article.questions().size()).sum(), Runtime.getRuntime().availableProcessors(),
                    (System.nanoTime() - start) / 1e9);
            int right = 0;
            for (LabelledText row : test) {
                List<SearchHit> hits = index.search(row.text(), "en", 5);
                right += !hits.isEmpty() && hits.getFirst().article().id().equals(RetrievalEvaluationTests.id(row.label())) ? 1 : 0;
            }
            line(report, "test top-1 (live index, %d in-scope rows): %.4f", test.size(), (double) right / test.size());
            for (int run = 1; run <= 2; run++) {
                start = System.nanoTime();
                List<HeldOutQuestion> heldOut = index.heldOutQuestions("en", 3, 42, 2000);
                double seconds = (System.nanoTime() - start) / 1e9;
                long top = heldOut.stream()
                        .filter(question -> !question.hits().isEmpty()
                                && question.hits().getFirst().article().id().equals(question.expectedArticleId()))
                        .count();
                line(report, "held-out run %d: folds=3 limit=2000 n=%d top-1=%.4f seconds=%.1f", run, heldOut.size(),
                        (double) top / heldOut.size(), seconds);
                assertThat(heldOut).hasSize(Math.min(2000, articles.stream().mapToInt(article -> article.questions().size()).sum()));
            }
        }
        Files.writeString(Path.of("target", "held-out-evaluation-" + dataset + ".txt"), report);
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }
}
