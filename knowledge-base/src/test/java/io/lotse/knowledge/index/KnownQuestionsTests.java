package io.lotse.knowledge.index;

import static io.lotse.knowledge.TestArticles.faq;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.articles.ArticleImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's lookup of titles and example questions, on a real Lucene index without embeddings. */
class KnownQuestionsTests {

    @TempDir
    Path dir;

    private ArticleIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private ArticleIndex open(List<Article> articles) {
        index = ArticleIndex.create(dir.resolve("index"), EmbeddingSettings.disabled());
        index.replaceAll(articles);
        return index;
    }

    private static List<Article> samples() {
        return ArticleImporter.fromClasspath(KnowledgeBase.class, "samples/").orElseThrow().articles();
    }

    /** The title and example questions verbatim, lower-cased, and without punctuation. */
    static List<String> variants(Article article) {
        List<String> variants = new ArrayList<>();
        List<String> texts = new ArrayList<>(article.questions());
        texts.add(article.title());
        for (String text : texts) {
            variants.add(text);
            variants.add(text.toLowerCase(Locale.ROOT));
            variants.add(text.replaceAll("\\p{P}+", ""));
        }
        return variants;
    }

    @Test
    void everySampleTitleAndExampleQuestionFindsItsArticle() {
        List<Article> samples = samples();
        assertThat(samples).extracting(Article::locale).contains("de", "en");
        open(samples);

        for (Article article : samples) {
            for (String text : variants(article)) {
                assertThat(index.knownQuestion(text)).as(text).extracting(Article::id).containsExactly(article.id());
            }
        }
    }

    @Test
    void caseSpacingPunctuationUmlautsAndCompatibilityFormsDoNotMatter() {
        open(List.of(faq("rueckgabe", "de", "Rückgabe", List.of("Kann ich mit PayPal zahlen?", "E-Mail ändern"), "…")));

        for (String text : List.of("Rückgabe", "RÜCKGABE", "rueckgabe", " Rückgabe! ", "Ｒückgabe", "kann ich mit paypal zahlen",
                "Kann ich mit PayPal zahlen ???", "kann  ich mit\tpaypal zahlen?", "E-Mail ändern", "email aendern",
                "E Mail ändern")) {
            assertThat(index.knownQuestion(text)).as(text).extracting(Article::id).containsExactly("rueckgabe");
        }
    }

    @Test
    void aTextThatIsAlmostAQuestionIsNotKnown() {
        open(List.of(faq("router", "de", "Mein Router hat kein Internet", List.of("Internet geht nicht"), "…")));

        assertThat(index.knownQuestion("Internet geht nicht mehr")).isEmpty();
        assertThat(index.knownQuestion("Internet")).isEmpty();
        assertThat(index.knownQuestion("Internt geht nicht")).isEmpty();
        assertThat(index.knownQuestion("?!")).isEmpty();
        assertThat(index.knownQuestion("")).isEmpty();
        assertThat(index.knownQuestion(null)).isEmpty();
    }

    @Test
    void articlesSharingAQuestionAreAllReturnedInIdOrder() {
        open(List.of(
                faq("versandkosten", "de", "Was kostet der Versand?", List.of("Versand"), "…"),
                faq("versanddauer", "de", "Wie lange dauert der Versand?", List.of("Versand"), "…"),
                faq("newsletter-en", "en", "Newsletter", List.of(), "…"),
                faq("newsletter-de", "de", "Newsletter", List.of(), "…")));

        assertThat(index.knownQuestion("versand")).extracting(Article::id).containsExactly("versanddauer", "versandkosten");
        assertThat(index.knownQuestion("Newsletter")).extracting(Article::id).containsExactly("newsletter-de", "newsletter-en");
    }

    @Test
    void followsEveryChangeOfTheIndex() {
        open(List.of(faq("rechnung", "de", "Wo finde ich meine Rechnung?", List.of("Rechnung herunterladen"), "…")));
        assertThat(index.knownQuestion("Rechnungskopie herunterladen")).isEmpty();

        index.upsert(List.of(faq("rechnung", "de", "Wo finde ich meine Rechnung?", List.of("Rechnungskopie herunterladen"), "…")));
        assertThat(index.knownQuestion("Rechnungskopie herunterladen")).extracting(Article::id).containsExactly("rechnung");
        assertThat(index.knownQuestion("Rechnung herunterladen")).as("a question the editor removed").isEmpty();

        index.upsert(List.of(faq("invoice", "en", "Where is my invoice?", List.of("Download invoice"), "…")));
        assertThat(index.knownQuestion("download invoice")).extracting(Article::id).containsExactly("invoice");

        index.delete(List.of("rechnung"));
        assertThat(index.knownQuestion("Rechnungskopie herunterladen")).isEmpty();
        assertThat(index.knownQuestion("Where is my invoice")).extracting(Article::id).containsExactly("invoice");
    }
}
