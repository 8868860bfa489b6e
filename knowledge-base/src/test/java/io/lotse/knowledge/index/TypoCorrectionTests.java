package io.lotse.knowledge.index;

import static io.lotse.knowledge.TestArticles.faq;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.analysis.CompoundDictionary;
import io.lotse.knowledge.analysis.LocaleAnalyzers;
import io.lotse.knowledge.analysis.TypoCorrection;
import io.lotse.knowledge.articles.ArticleImporter;
import io.lotse.knowledge.classifier.SoftmaxHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Typos corrected against the words of the bundled sample knowledge base, on a real Lucene index
 * in a temporary folder: the correction of the text itself, and what a search finds with it.
 */
class TypoCorrectionTests {

    @TempDir
    static Path dir;

    private static final List<Article> SAMPLES = ArticleImporter.fromClasspath(KnowledgeBase.class, "samples/").orElseThrow().articles();

    private static LocaleAnalyzers analyzers;
    private static FSDirectory directory;
    private static DirectoryReader reader;

    /** The samples' text documents, written as the live index writes them (no vectors). */
    @BeforeAll
    static void indexSamples() throws IOException {
        analyzers = new LocaleAnalyzers();
        for (String locale : List.of("de", "en")) {
            if (analyzers.splitsCompounds(locale)) {
                Set<String> words = new HashSet<>();
                SAMPLES.stream().filter(article -> article.locale().equals(locale))
                        .forEach(article -> words.addAll(CompoundDictionary.wordsOf(analyzers.wordsAnalyzer(), article)));
                analyzers.useDictionary(locale, words);
            }
        }
        directory = FSDirectory.open(dir.resolve("samples"));
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
            for (Article article : SAMPLES) {
                writer.addDocuments(ArticleDocuments.of(article, List.of()));
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
        analyzers.close();
    }

    private static String corrected(String locale, String text) {
        return corrected(reader, TypoCorrection.Memory.NONE, locale, text);
    }

    private static String corrected(DirectoryReader in, TypoCorrection.Memory memory, String locale, String text) {
        return TypoCorrection.correct(in, analyzers.writtenWords(), analyzers.forLocale(locale), locale,
                ArticleDocuments.searchedFields(locale), text, memory);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // The two questions customers asked, each with several typos.
        "de | Wie lnage dauret der Vrsand? | Wie lange dauert der Versand?",
        "en | how lnog dose shiping take | how long does shipping take",
        // Two neighbouring letters swapped.
        "de | Rechnugn herunterladen | Rechnung herunterladen",
        "en | invocie download | invoice download",
        "en | paymnet failed | payment failed",
        // A letter left out.
        "de | Ratenzalung möglich? | Ratenzahlung möglich?",
        "de | Rücksendeetiket drucken | Rücksendeetikett drucken",
        "en | pasword reset | password reset",
        // A letter too many.
        "de | Gutscheihn einlösen | Gutschein einlösen",
        "en | refuned time | refund time",
        // A wrong letter.
        "de | Rechnunf als Firma | Rechnung als Firma",
        "en | passwird forgotten | password forgotten",
        "en | voicher code | voucher code",
        // A letter doubled.
        "de | Passwortt vergessen | Passwort vergessen",
        "de | Wie lange dauert der Versannd | Wie lange dauert der Versand",
        "en | delivvery time | delivery time",
    })
    void aMisspelledWordBecomesTheNearestWordOfTheKnowledgeBase(String locale, String typed, String expected) {
        assertThat(corrected(locale, typed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // Written so in the articles, or another form of a word they use.
        "de | Wie lange dauert der Versand?",
        "de | Meine Bestellungen sind noch nicht angekommen",
        "de | Kennwort vergessen",
        "en | How long does shipping take?",
        "en | my parcels were delivered damaged",
        // Unknown to the knowledge base, but short words one edit from a known one are mostly other words.
        "en | Which stock should I buy?",
        "en | The tablet came in white but I'd prefer black",
        "de | Welches WLAN-Band ist schneller?",
        "de | Ich wohne in Wien",
    })
    void aCorrectlySpelledQuestionStaysAsItIs(String locale, String text) {
        assertThat(corrected(locale, text)).isSameAs(text);
    }

    @Test
    void searchingTheTwoQuestionsWithTyposFindsTheShippingArticleFirst() {
        for (EmbeddingSettings settings : List.of(EmbeddingSettings.disabled(), EmbeddingSettings.defaults())) {
            try (ArticleIndex index = ArticleIndex.create(dir.resolve("typos-" + settings.enabled()), settings)) {
                index.replaceAll(SAMPLES);

                SearchHit german = index.search("Wie lnage dauret der Vrsand?", "de", 5).getFirst();
                SearchHit english = index.search("how lnog dose shiping take", "en", 5).getFirst();

                assertThat(german.article().id()).isEqualTo("de-versanddauer");
                assertThat(english.article().id()).isEqualTo(index.search("How long does shipping take?", "en", 5).getFirst().article().id())
                        .isEqualTo("en-delivery-time");
                SearchHit typed = index.search("Wie lange dauert der Versand?", "de", 5).getFirst();
                assertThat(german.coverage()).as("corrected words count a little less than typed ones")
                        .isGreaterThan(0.5).isLessThan(typed.coverage());
            }
        }
    }

    @Test
    void aCorrectlySpelledQuestionGetsTheSameHitsWithAndWithoutCorrection() {
        List<String> questions = List.of("Wie lange dauert der Versand?", "Meine Bestellungen sind noch nicht angekommen",
                "Ich habe mein Passwort vergessen", "Kann ich per Rechnung bezahlen?");
        List<String> english = List.of("How long does shipping take?", "my parcels were delivered damaged", "Which stock should I buy?",
                "I forgot my password");
        try (ArticleIndex with = ArticleIndex.create(dir.resolve("with"), EmbeddingSettings.defaults(), SoftmaxHead.Training.DEFAULT, true);
                ArticleIndex without = ArticleIndex.create(dir.resolve("without"), EmbeddingSettings.defaults(), SoftmaxHead.Training.DEFAULT,
                        false)) {
            with.replaceAll(SAMPLES);
            without.replaceAll(SAMPLES);
            for (String question : questions) {
                assertThat(with.search(question, "de", 10)).isEqualTo(without.search(question, "de", 10)).isNotEmpty();
            }
            for (String question : english) {
                assertThat(with.search(question, "en", 10)).isEqualTo(without.search(question, "en", 10)).isNotEmpty();
            }
            // Misspelled, the question finds only with correction what it finds correctly spelled.
            assertThat(without.search("Wie lnage dauret der Vrsand?", "de", 5)).extracting(hit -> hit.article().id())
                    .doesNotContain("de-versanddauer");
        }
    }

    @Test
    void aRareButCorrectWordIsNotCorrectedToAFrequentNeighbour() {
        List<Article> articles = List.of(
                faq("karte", "de", "Karte verloren", List.of("Meine Karte ist weg", "Karte sperren", "Neue Karte bestellen"),
                        "Sperren Sie die Karte im Kundenkonto. Eine neue Karte kommt per Post."),
                faq("kante", "de", "Abgestoßene Kante am Tisch", List.of("Die Kante ist beschädigt"),
                        "Melden Sie den Schaden mit einem Foto."));
        try (ArticleIndex index = ArticleIndex.create(dir.resolve("rare"), EmbeddingSettings.disabled())) {
            index.replaceAll(articles);

            assertThat(index.search("Kante beschädigt", "de", 5).getFirst().article().id()).isEqualTo("kante");
            assertThat(index.search("Karrte sperren", "de", 5).getFirst().article().id()).isEqualTo("karte");
        }
    }

    @Test
    void aRememberedCorrectionIsTheOneLookedUpAndOnlyForTheIndexItCameFrom() throws IOException {
        TypoCorrection.Memory memory = new TypoCorrection.Memory(100);
        for (String typed : List.of("Wie lnage dauret der Vrsand?", "Passwortt vergessen", "Ich wohne in Wien")) {
            String lookedUp = corrected("de", typed);
            assertThat(corrected(reader, memory, "de", typed)).isEqualTo(lookedUp);
            assertThat(corrected(reader, memory, "de", typed)).as("remembered").isEqualTo(lookedUp);
        }

        try (FSDirectory karte = FSDirectory.open(dir.resolve("memory-karte"));
                FSDirectory karre = FSDirectory.open(dir.resolve("memory-karre"))) {
            write(karte, faq("karte", "de", "Karte verloren", List.of("Karte sperren"), "Sperren Sie die Karte im Kundenkonto."));
            write(karre, faq("karre", "de", "Karre ausleihen", List.of("Karre mieten"), "Die Karre leihen Sie im Markt aus."));
            try (DirectoryReader withKarte = DirectoryReader.open(karte); DirectoryReader withKarre = DirectoryReader.open(karre)) {
                assertThat(corrected(withKarte, memory, "de", "Karrte sperren")).isEqualTo("Karte sperren");
                assertThat(corrected(withKarre, memory, "de", "Karrte sperren")).as("another index, looked up afresh")
                        .isEqualTo("Karre sperren");
                assertThat(corrected(withKarte, memory, "de", "Karrte sperren")).isEqualTo("Karte sperren");
            }
        }
    }

    private static void write(FSDirectory directory, Article article) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
            writer.addDocuments(ArticleDocuments.of(article, List.of()));
        }
    }
}
