package io.lotse.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The support-language parts of the German and English analysis: stop and filler words, joined
 * spellings, and the synonym groups (in a real BM25 index: {@code index.SynonymSearchTests}).
 */
class SupportAnalysisTests {

    private final LocaleAnalyzers analyzers = new LocaleAnalyzers();

    @AfterEach
    void close() {
        analyzers.close();
    }

    private Set<String> terms(String locale, String text) {
        return AnalyzedText.termsOf(analyzers.forLocale(locale), text);
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
}
