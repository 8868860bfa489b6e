package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.ImportReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A throwaway knowledge base on the shared Redis: its articles are found, and closing it leaves no key of its own behind. */
class EvaluationKnowledgeBaseTests {

    @Test
    void importedArticlesAreSearchableAndClosingDeletesTheirKeys() {
        try (EvaluationRedis redis = EvaluationRedis.connect(EvaluateCommandTests.REDIS)) {
            StatefulRedisConnection<String, String> connection = redis.main();
            String prefix;
            try (EvaluationKnowledgeBase kb = EvaluationKnowledgeBase.start(folder -> EvaluationRedis.connect(EvaluateCommandTests.REDIS),
                    "lotse-test-eval", EmbeddingSettings.disabled())) {
                prefix = kb.keyPrefix();
                ImportReport report = kb.importArticles(List.of(
                        faq("shipping", "How long does shipping take?", "Two to three days."),
                        faq("invoice", "Where is my invoice?", "Under Orders in your account.")));

                assertThat(report.imported()).isEqualTo(2);
                assertThat(report.isClean()).isTrue();
                assertThat(prefix).startsWith("lotse-test-eval-");
                assertThat(kb.knowledgeBase().search("shipping time", "en", 3).getFirst().article().id()).isEqualTo("shipping");
                assertThat(connection.sync().keys(prefix + ":*")).isNotEmpty();
            }
            assertThat(connection.sync().keys(prefix + ":*")).isEmpty();
        }
    }

    private static Article faq(String id, String title, String body) {
        return new Article(id, "en", title, List.of(), List.of(), null, ArticleType.FAQ, body);
    }
}
