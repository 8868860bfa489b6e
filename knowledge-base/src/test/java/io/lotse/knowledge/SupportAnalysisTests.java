package io.lotse.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The support-language parts of the German and English analysis: stop and filler words, joined
 * spellings, and the synonym groups, on their own and in a real BM25 index.
 */
class SupportAnalysisTests {

    @TempDir
    Path dir;

    private final LocaleAnalyzers analyzers = new LocaleAnalyzers();
    private ArticleIndex index;

    @AfterEach
    void close() {
        analyzers.close();
        if (index != null) {
            index.close();
        }
    }

    private Set<String> terms(String locale, String text) {
        return AnalyzedText.termsOf(analyzers.forLocale(locale), text);
    }

    private static Article faq(String id, String locale, String title, String question, String body) {
        return TestArticles.faq(id, locale, title, List.of(question), body);
    }

    @Test
    void germanFillerWordsAreDroppedButAendernIsAWord() {
        assertThat(terms("de", "Gibt es bitte eine Packstation? Geht das?")).containsExactly("packstation");
        // "ändern" folds to the stop word "andern" ("other"); it must stay a word.
        assertThat(terms("de", "ändern")).isNotEmpty().isEqualTo(terms("de", "ändere"));
    }

    @Test
    void aSynonymStandsAtItsWordsPositionAsAPart() {
        Analyzer german = analyzers.forLocale("de");
        AnalyzedText query = AnalyzedText.of(german, "Kennwort vergessen", 64);

        assertThat(query.partsOf("kennwort")).contains("passwort");
        assertThat(query.isOnlyPart("passwort")).isTrue();
        assertThat(query.coverage(AnalyzedText.termsOf(german, "Passwort zurücksetzen"))).isEqualTo(0.5);
    }

    @Test
    void aOneWayRuleReachesTheStandardWordsWithoutJoiningThem() {
        Set<String> kaputt = terms("de", "kaputt");
        Set<String> defekt = terms("de", "defekt");

        assertThat(kaputt).containsAll(defekt).containsAll(terms("de", "beschädigt"));
        assertThat(defekt).doesNotContainAnyElementsOf(terms("de", "beschädigt"));
    }

    @Test
    void englishReadsWiFiAndEMailAsOneWordAndFoldsAccents() {
        assertThat(terms("en", "my Wi-Fi password please")).isEqualTo(terms("en", "wifi password"));
        assertThat(terms("en", "E-Mail")).isEqualTo(terms("en", "email"));
        assertThat(terms("en", "Café")).isEqualTo(terms("en", "cafe"));
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
