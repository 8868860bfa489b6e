package io.lotse.knowledge.index;

import static io.lotse.knowledge.TestArticles.faq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.HeldOutQuestion;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.TestRedis;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example questions searched from states of the index that never held them, on a small hand-made knowledge base. */
class HeldOutQuestionsTests {

    private static final List<Article> ARTICLES = List.of(
            faq("shipping", "en", "How long does delivery take?", List.of("When will my parcel arrive?", "delivery time to Austria",
                    "my package is late", "how many days until my order comes"), "Standard delivery takes two to three working days."),
            faq("password", "en", "I forgot my password", List.of("I cannot log in", "reset my password",
                    "the login page says my password is wrong", "how do I change my password"), "Click forgot password on the login page."),
            faq("refund", "en", "How do I get a refund?", List.of("I want my money back", "refund for a returned item",
                    "when is my refund paid out", "can I get a refund for a cancelled order"), "Refunds reach your account within five days."),
            faq("voucher", "en", "Redeeming a gift card", List.of("where do I enter my voucher code", "my gift card does not work",
                    "Where do I enter my voucher code?", "how much is left on my gift card"), "Enter the code in the basket."),
            // A single question: it is the only one the article has, so it is never held out.
            faq("opening-hours", "en", "When is the hotline open?", List.of("hotline opening hours"), "Monday to Friday, 8 to 18."),
            faq("versand", "de", "Wie lange dauert der Versand?", List.of("Wann kommt mein Paket?", "Lieferzeit nach Österreich",
                    "Mein Paket ist verspätet"), "Der Standardversand dauert zwei bis drei Werktage."),
            faq("ruecksendung", "de", "Wie schicke ich etwas zurück?", List.of("Ware zurückgeben", "Wo finde ich das Rücksendeetikett?",
                    "Rücksendung anmelden"), "Melden Sie die Rücksendung im Kundenkonto an. Das Etikett kommt per E-Mail."));

    @TempDir
    Path dir;

    private TestRedis redis;
    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        redis = new TestRedis();
        kb = KnowledgeBase.open(new KnowledgeBaseSettings(dir.resolve("index"), redis.prefix), redis.connection, redis.newPubSub());
        ARTICLES.forEach(kb::create);
        kb.awaitClassifiers();
    }

    @AfterEach
    void close() {
        kb.close();
        redis.close();
    }

    @Test
    void everyExampleQuestionOfArticlesWithSeveralIsSearchedWithoutItself() {
        Map<String, Article> byId = ARTICLES.stream().collect(Collectors.toMap(Article::id, Function.identity()));

        List<HeldOutQuestion> heldOut = kb.heldOutQuestions("en", 3, 42, 2000);

        // Four articles with four questions, one of them a copy up to case, which goes with its twin.
        assertThat(heldOut).hasSize(15);
        assertThat(heldOut).extracting(HeldOutQuestion::expectedArticleId).doesNotContain("opening-hours");
        for (HeldOutQuestion question : heldOut) {
            Article expected = byId.get(question.expectedArticleId());
            assertThat(expected.questions()).contains(question.text());
            assertThat(question.hits()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            assertThat(question.hits()).allSatisfy(hit -> {
                assertThat(hit.hasEmbeddingSignals()).isTrue();
                assertThat(hit.article()).as("the article as stored").isEqualTo(byId.get(hit.article().id()));
                assertThat(hit.matchedText()).as("never the held-out question itself")
                        .isNotEqualToIgnoringCase(question.text())
                        .isIn(phrases(hit.article()));
            });
            // Searched live, the question finds itself; held out, its article is at best a paraphrase away.
            SearchHit live = ownHit(kb.search(question.text(), "en", 5), question).orElseThrow();
            assertThat(live.cosine()).as(question.text()).isGreaterThan(0.999);
            ownHit(question.hits(), question).ifPresent(hit -> assertThat(hit.cosine()).as(question.text()).isLessThan(0.999));
        }
        assertThat(heldOut).filteredOn(question -> !question.hits().isEmpty()
                && question.hits().getFirst().article().id().equals(question.expectedArticleId())).hasSizeGreaterThan(heldOut.size() / 2);
    }

    @Test
    void aHeldOutQuestionGetsTheHitsOfAnIndexBuiltWithoutIt() {
        Set<String> tried = new HashSet<>();
        for (String locale : List.of("en", "de")) {
            for (long seed = 1; seed <= 3; seed++) {
                // One question, in the first of two folds: its state is every article without it.
                HeldOutQuestion question = kb.heldOutQuestions(locale, 2, seed, 1).getFirst();
                tried.add(question.text());
                List<Article> without = ARTICLES.stream().map(article -> withoutQuestion(article, question.text())).toList();

                try (ArticleIndex fresh = ArticleIndex.create(dir.resolve("fresh-" + locale + seed), EmbeddingSettings.defaults())) {
                    fresh.replaceAll(without);
                    assertSameHits(question, fresh.search(question.text(), locale, 5));
                }
            }
        }
        assertThat(tried).hasSizeGreaterThan(3);
    }

    private static void assertSameHits(HeldOutQuestion question, List<SearchHit> expected) {
        assertThat(question.hits()).as(question.text()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            SearchHit held = question.hits().get(i);
            SearchHit built = expected.get(i);
            assertThat(held.article().id()).isEqualTo(built.article().id());
            assertThat(new double[] {held.score(), held.coverage(), held.bm25(), held.cosine(), held.probability()})
                    .as(question.text()).containsExactly(built.score(), built.coverage(), built.bm25(), built.cosine(),
                            built.probability());
            assertThat(held.matchedText()).isEqualTo(built.matchedText());
        }
    }

    @Test
    void nearCopiesAreHeldOutWithTheQuestionWhileItsArticleKeepsHalfItsQuestions() {
        List<String> nearCopies = List.of("how do I reset my pin", "how can I reset my pin");
        kb.create(faq("pin", "en", "Problems with the PIN", List.of(nearCopies.get(0), nearCopies.get(1),
                "pin blocked after three wrong tries", "forgot the pin of my card", "PIN locked", "new PIN letter never came"),
                "Order a new PIN in your account."));
        kb.awaitClassifiers();

        List<HeldOutQuestion> heldOut = kb.heldOutQuestions("en", 3, 42, 2000).stream()
                .filter(question -> question.expectedArticleId().equals("pin"))
                .toList();

        assertThat(heldOut).extracting(HeldOutQuestion::text).containsAll(nearCopies);
        for (HeldOutQuestion question : heldOut) {
            // Searched beside its near copy, a question would find it, and look easier than a new customer's words.
            ownHit(question.hits(), question).ifPresent(hit -> assertThat(hit.matchedText()).as(question.text())
                    .isNotEqualToIgnoringCase(question.text())
                    .satisfies(matched -> {
                        if (nearCopies.contains(question.text())) {
                            assertThat(nearCopies).doesNotContain(matched);
                        }
                    }));
        }
        assertThat(heldOut).filteredOn(question -> nearCopies.contains(question.text()))
                .allSatisfy(question -> assertThat(ownHit(question.hits(), question)).as(question.text()).isPresent());
    }

    @Test
    void theSameSeedGivesTheSameResultAndTheLimitIsASample() {
        List<HeldOutQuestion> first = kb.heldOutQuestions("en", 2, 7, 6);
        List<HeldOutQuestion> again = kb.heldOutQuestions("EN", 2, 7, 6);
        List<HeldOutQuestion> other = kb.heldOutQuestions("en", 2, 8, 6);

        assertThat(first).hasSize(6).isEqualTo(again);
        assertThat(other).hasSize(6);
        assertThat(other).extracting(HeldOutQuestion::text).isNotEqualTo(first.stream().map(HeldOutQuestion::text).toList());
    }

    @Test
    void liveSearchesAreNotChanged() {
        List<SearchHit> before = kb.search("my parcel has not come", "en", 5);

        kb.heldOutQuestions("en", 3, 1, 100);

        assertThat(kb.search("my parcel has not come", "en", 5)).isEqualTo(before);
        assertThat(kb.search("When will my parcel arrive?", "en", 5).getFirst().cosine()).isGreaterThan(0.999);
    }

    @Test
    void germanQuestionsAreHeldOutWithTheirCompoundDictionary() {
        List<HeldOutQuestion> heldOut = kb.heldOutQuestions("de", 3, 42, 100);

        assertThat(heldOut).hasSize(6);
        assertThat(heldOut).allSatisfy(question -> {
            assertThat(question.hits()).allSatisfy(hit -> assertThat(hit.article().locale()).isEqualTo("de"));
            ownHit(question.hits(), question).ifPresent(hit -> assertThat(hit.cosine()).isLessThan(0.999));
        });
        assertThat(kb.heldOutQuestions("fr", 3, 42, 100)).isEmpty();
    }

    @Test
    void refusesWhatCannotBeFolded() {
        assertThatThrownBy(() -> kb.heldOutQuestions("en", 1, 42, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kb.heldOutQuestions("en", 3, 42, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kb.heldOutQuestions(" ", 3, 42, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The article without a question and its copies up to case and punctuation. */
    private static Article withoutQuestion(Article article, String question) {
        String same = question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        List<String> kept = article.questions().stream()
                .filter(each -> !each.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().equals(same))
                .toList();
        return new Article(article.id(), article.locale(), article.title(), kept, article.tags(), article.category(), article.type(),
                article.body());
    }

    private static List<String> phrases(Article article) {
        return IndexedArticle.phraseTexts(article);
    }

    private static Optional<SearchHit> ownHit(List<SearchHit> hits, HeldOutQuestion question) {
        return hits.stream().filter(hit -> hit.article().id().equals(question.expectedArticleId())).findFirst();
    }
}
