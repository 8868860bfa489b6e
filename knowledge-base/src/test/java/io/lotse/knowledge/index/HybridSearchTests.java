package io.lotse.knowledge.index;

import static io.lotse.knowledge.TestArticles.faq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.embeddings.Embedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BM25, embeddings and the trained head together, on a real index on disk with the default
 * packaged model (loaded once for the whole test JVM).
 */
class HybridSearchTests {

    @TempDir
    Path dir;

    private ArticleIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private static final List<Article> ARTICLES = List.of(
            faq("shipping", "en", "How long does delivery take?", List.of("When will my parcel arrive?", "delivery time"),
                    "Standard delivery takes two to three working days."),
            faq("password", "en", "I forgot my password", List.of("I cannot log in", "reset password"),
                    "Click forgot password on the login page."),
            faq("refund", "en", "How do I get a refund?", List.of("I want my money back", "return an item for a refund"),
                    "Refunds reach your account within five days of the return arriving."),
            faq("versand", "de", "Wie lange dauert der Versand?", List.of("Wann kommt mein Paket?", "Lieferzeit"),
                    "Der Standardversand dauert zwei bis drei Werktage."),
            faq("passwort", "de", "Passwort vergessen", List.of("Ich komme nicht in mein Konto", "Passwort zurücksetzen"),
                    "Klicken Sie auf der Anmeldeseite auf Passwort vergessen."),
            faq("gutschein", "de", "Geschenkkarte einlösen", List.of("Wie löse ich eine Geschenkkarte ein?"),
                    "Die Karte lösen Sie an der Kasse ein."));

    private ArticleIndex open(EmbeddingSettings settings) {
        index = ArticleIndex.create(dir.resolve("index"), settings);
        index.replaceAll(ARTICLES);
        return index;
    }

    @Test
    void aParaphraseWithoutASharedWordFindsItsArticleThroughEmbeddings() {
        open(EmbeddingSettings.defaults());

        List<SearchHit> hits = index.search("my package hasn't shown up yet", "en", 3);

        assertThat(hits).isNotEmpty();
        SearchHit top = hits.getFirst();
        assertThat(top.article().id()).isEqualTo("shipping");
        assertThat(top.bm25()).as("no word of the query is in the article").isZero();
        assertThat(top.cosine()).isGreaterThan(0.65);
        assertThat(top.matchedText()).isIn("When will my parcel arrive?", "How long does delivery take?", "delivery time");
    }

    @Test
    void withoutEmbeddingsTheSameParaphraseFindsNothing() {
        open(EmbeddingSettings.disabled());

        assertThat(index.search("my package hasn't shown up yet", "en", 3)).isEmpty();
        List<SearchHit> hits = index.search("reset my password", "en", 3);
        assertThat(hits.getFirst().article().id()).isEqualTo("password");
        assertThat(hits.getFirst().hasEmbeddingSignals()).isFalse();
    }

    @Test
    void everyHitCarriesItsSignals() {
        open(EmbeddingSettings.defaults());

        List<SearchHit> hits = index.search("I forgot my password and cannot log in", "en", 5);

        assertThat(hits.getFirst().article().id()).isEqualTo("password");
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.article().locale()).isEqualTo("en");
            assertThat(hit.hasEmbeddingSignals()).isTrue();
            assertThat(hit.cosine()).isBetween(-1.0, 1.0);
            assertThat(hit.probability()).isBetween(0.0, 1.0);
            assertThat(hit.coverage()).isBetween(0.0, 1.0);
        });
        assertThat(hits.getFirst().bm25()).isPositive();
        assertThat(hits.getFirst().probability()).isGreaterThan(0.5);
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void germanIsFoundByItsWordsAndAStrangerFindsNothing() {
        open(EmbeddingSettings.defaults());

        assertThat(index.search("Wann kommt mein Paket an?", "de", 3).getFirst().article().id()).isEqualTo("versand");
        assertThat(index.search("Ich habe mein Passwort vergessen", "de", 3).getFirst().article().id()).isEqualTo("passwort");
        assertThat(index.search("Wie lange ist die Lieferzeit?", "de", 3).getFirst().article().id()).isEqualTo("versand");
        // Close in the English model's eyes, but no shared word and not close enough for German.
        assertThat(index.search("Gutscheincode", "de", 3)).isEmpty();
        assertThat(index.search("Wann kommt mein Paket an?", "de", 10)).allSatisfy(hit -> assertThat(hit.article().locale()).isEqualTo("de"));
    }

    @Test
    void aPublishedArticleIsSearchableAtOnceAndKnownToTheClassifierSoonAfter() {
        open(EmbeddingSettings.defaults());

        index.upsert(List.of(faq("invoice", "en", "Where do I find my invoice?", List.of("download my bill", "get a copy of the invoice"),
                "Invoices are under Orders in your account.")));
        SearchHit first = index.search("download my invoice", "en", 3).getFirst();
        assertThat(first.article().id()).isEqualTo("invoice");

        index.awaitClassifiers();
        SearchHit later = index.search("download my invoice", "en", 3).getFirst();
        assertThat(later.article().id()).isEqualTo("invoice");
        assertThat(later.probability()).isGreaterThan(0.3);

        index.delete(List.of("invoice"));
        index.awaitClassifiers();
        assertThat(index.search("download my invoice", "en", 3)).extracting(hit -> hit.article().id()).doesNotContain("invoice");
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> new FusionWeights(0, 0, 0, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddingSettings.defaults().withQueryCacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
        // Settings name files; only loading them needs them.
        assertThatCode(() -> EmbeddingSettings.onnxFiles(dir.resolve("missing.onnx"), dir.resolve("tokenizer.json"),
                EmbeddingSettings.Pooling.MEAN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Embedder.of(EmbeddingSettings.onnxFiles(dir.resolve("missing.onnx"),
                dir.resolve("tokenizer.json"), EmbeddingSettings.Pooling.MEAN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.onnx");
        assertThat(new KnowledgeBaseSettings(dir, "lotse").embeddings()).isEqualTo(EmbeddingSettings.defaults());
        assertThat(EmbeddingSettings.disabled().fusionFor("de")).isEqualTo(FusionWeights.LEXICAL);
        assertThat(EmbeddingSettings.defaults().withFusion("de", FusionWeights.ENGLISH).fusionFor("de")).isEqualTo(FusionWeights.ENGLISH);
    }

    @Test
    void theFourArgumentHitHasNoEmbeddingSignals() {
        SearchHit hit = new SearchHit(ARTICLES.getFirst(), 2.5, 0.5, "delivery time");

        assertThat(hit.bm25()).isEqualTo(2.5);
        assertThat(hit.cosine()).isNaN();
        assertThat(hit.probability()).isNaN();
        assertThat(hit.hasEmbeddingSignals()).isFalse();
    }
}
