package io.lotse.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.TestArticles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The support synonym groups in a real BM25 index: a customer's own word finds the article with the standard one. */
class SynonymSearchTests {

    @TempDir
    Path dir;

    private ArticleIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private static Article faq(String id, String locale, String title, String question, String body) {
        return TestArticles.faq(id, locale, title, List.of(question), body);
    }

    @Test
    void aColloquialQuestionFindsTheArticleWithTheStandardWordByBm25Alone() {
        index = ArticleIndex.create(dir.resolve("index"), EmbeddingSettings.disabled());
        index.replaceAll(List.of(
                faq("passwort", "de", "Passwort vergessen", "Ich komme nicht in mein Konto", "Klicken Sie auf Passwort vergessen."),
                faq("versand", "de", "Versandkosten", "Was kostet der Versand?", "Ab 50 Euro versandkostenfrei."),
                faq("refund", "en", "When do I get my refund?", "money back", "Refunds take five days."),
                faq("invoice", "en", "Download an invoice", "where is my invoice", "Invoices are in your account.")));

        SearchHit kennwort = index.search("Kennwort weg, was nun?", "de", 3).getFirst();
        assertThat(kennwort.article().id()).isEqualTo("passwort");
        assertThat(kennwort.coverage()).as("the article holds the synonym as a term of its own").isEqualTo(1.0);
        assertThat(index.search("Was kostet das Porto?", "de", 3).getFirst().article().id()).isEqualTo("versand");
        assertThat(index.search("reimbursement still missing", "en", 3).getFirst().article().id()).isEqualTo("refund");
        assertThat(index.search("I need a receipt", "en", 3).getFirst().article().id()).isEqualTo("invoice");
    }
}
