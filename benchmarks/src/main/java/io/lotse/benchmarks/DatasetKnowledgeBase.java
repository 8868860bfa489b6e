package io.lotse.benchmarks;

import io.lotse.evaluation.DatasetArticles;
import io.lotse.evaluation.DatasetLanguage;
import io.lotse.evaluation.EvaluateCommand;
import io.lotse.evaluation.EvaluationKnowledgeBase;
import io.lotse.evaluation.EvaluationRedis;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.LabelledText;
import java.nio.file.Path;
import java.util.List;

/**
 * A knowledge base built from a dataset folder ({@code train.jsonl}, {@code test.jsonl}) as the
 * {@code evaluate} command builds it, with the evaluation module's own parts: one FAQ article per
 * label of {@code train.jsonl} (never {@code oos}, {@link DatasetArticles}, the default seed) in the
 * language most of its texts read as ({@link DatasetLanguage}), imported into an
 * {@link EvaluationKnowledgeBase} on the Redis named by {@code -Dlotse.redis}, under a random key
 * prefix of its own.
 *
 * <p>{@link #close()} deletes this prefix's keys (SCAN and DEL, nothing else on the server) and the
 * index folder; a shutdown hook does the same when the JVM is stopped before.
 */
final class DatasetKnowledgeBase implements AutoCloseable {

    private final EvaluationKnowledgeBase evaluation;
    private final List<Article> articles;
    private final String locale;
    private final double indexSeconds;

    private DatasetKnowledgeBase(EvaluationKnowledgeBase evaluation, List<Article> articles, String locale, double indexSeconds) {
        this.evaluation = evaluation;
        this.articles = articles;
        this.locale = locale;
        this.indexSeconds = indexSeconds;
    }

    /** Builds the knowledge base of {@code <datasetDir>/train.jsonl} and waits until its classifier answers. */
    static DatasetKnowledgeBase build(Path datasetDir, String redisUri, EmbeddingSettings embeddings) {
        List<LabelledText> train = LabelledText.read(datasetDir.resolve("train.jsonl"));
        String locale = DatasetLanguage.of(train);
        List<Article> articles = DatasetArticles.from(train, 0, EvaluateCommand.DEFAULT_SEED, locale).articles();
        if (articles.isEmpty()) {
            throw new IllegalStateException(datasetDir.resolve("train.jsonl") + " has no in-scope rows");
        }
        long start = System.nanoTime();
        EvaluationKnowledgeBase evaluation = EvaluationKnowledgeBase.start(folder -> EvaluationRedis.connect(redisUri), "lotse-bench",
                embeddings);
        try {
            ImportReport report = evaluation.importArticles(articles);
            if (!report.problems().isEmpty()) {
                throw new IllegalStateException("article files not imported: " + report.problems());
            }
        } catch (RuntimeException e) {
            evaluation.close();
            throw e;
        }
        // An import returns with the classifiers trained on every article.
        return new DatasetKnowledgeBase(evaluation, articles, locale, (System.nanoTime() - start) / 1e9);
    }

    KnowledgeBase knowledgeBase() {
        return evaluation.knowledgeBase();
    }

    List<Article> articles() {
        return articles;
    }

    /** The dataset's language, which the articles are in and the questions are asked in. */
    String locale() {
        return locale;
    }

    /** Seconds from opening the knowledge base until its classifier answered (embedding, indexing, training). */
    double indexSeconds() {
        return indexSeconds;
    }

    String prefix() {
        return evaluation.keyPrefix();
    }

    @Override
    public void close() {
        evaluation.close();
    }
}
