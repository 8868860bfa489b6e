package io.lotse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.calibration.Calibration;
import io.lotse.bot.decision.Decision;
import io.lotse.bot.guides.Guide;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known questions and the language rule, on real knowledge bases: the bundled sample articles in both
 * languages, and an outside one with English articles and one German article.
 */
class KnownQuestionEngineTests {

    private static final Calibration.Result CALIBRATION = Calibration.defaults();

    @TempDir
    static Path dir;

    private static RedisKnowledgeBase samples;
    private static RedisKnowledgeBase outside;

    private static final Article RECHNUNG = article("rechnung-kopie", "de", "Wo finde ich meine Rechnung?",
            List.of("Rechnungskopie herunterladen", "Rechnung als PDF"), List.of(),
            "Alle Rechnungen liegen als PDF in Ihrem Kundenkonto unter „Rechnungen“.");
    private static final Article VERSANDKOSTEN = article("versandkosten", "de", "Was kostet der Versand?",
            List.of("Versand", "Versandkosten"), List.of(), "Ab 50 € versenden wir kostenlos.");
    private static final Article VERSANDDAUER = article("versanddauer", "de", "Wie lange dauert der Versand?",
            List.of("Versand", "Lieferzeit"), List.of(), "Der Standardversand dauert zwei bis drei Werktage.");
    private static final Article NEWSLETTER_DE = article("newsletter-de", "de", "Newsletter", List.of("Newsletter abbestellen"),
            List.of(), "Den Newsletter bestellen Sie über den Link in jeder Ausgabe ab.");
    private static final Article NEWSLETTER_EN = article("newsletter-en", "en", "Newsletter", List.of("Unsubscribe from the newsletter"),
            List.of(), "Unsubscribe with the link in every issue.");
    private static final Article SHIPPING = article("shipping", "en", "How long does shipping take?",
            List.of("When will my parcel arrive?", "delivery time"), List.of(), "Standard shipping takes two to three working days.");
    private static final Article INVOICE = article("invoice", "en", "Where can I find my invoice?",
            List.of("I need a copy of my bill"), List.of(), "All invoices are in your account under Orders.");
    private static final Article CONTACT = article("kontakt", "de", "Wie erreiche ich den Kundenservice?",
            List.of("Ich möchte mit einem Menschen sprechen", "Hallo", "Telefonnummer"), List.of(),
            "Sie erreichen uns werktags von 8 bis 20 Uhr unter 0800 123 456.");
    private static final Article REFUND = article("refund-dispute", "en", "Disputing a refund",
            List.of("Dispute a refund"), List.of("band:escalate"), "Our team handles disputes personally.");

    @BeforeAll
    static void open() {
        samples = new RedisKnowledgeBase(dir.resolve("samples"));
        samples.kb.importSamples();
        outside = new RedisKnowledgeBase(dir.resolve("outside"));
        for (Article article : List.of(RECHNUNG, VERSANDKOSTEN, VERSANDDAUER, NEWSLETTER_DE, NEWSLETTER_EN, SHIPPING, INVOICE,
                CONTACT, REFUND)) {
            outside.kb.create(article);
        }
    }

    @AfterAll
    static void close() {
        if (samples != null) {
            samples.close();
        }
        if (outside != null) {
            outside.close();
        }
    }

    private static Article article(String id, String locale, String title, List<String> questions, List<String> tags, String body) {
        return new Article(id, locale, title, questions, tags, "general", ArticleType.FAQ, body);
    }

    private static BotEngine engine(Retriever retriever, KnowledgeBase kb) {
        return BotEngine.builder().retriever(retriever).articles(kb::get)
                .settings(CALIBRATION.applyTo(BotSettings.defaults())).confidence(CALIBRATION.model()).build();
    }

    private static BotTurn say(KnowledgeBase kb, String text, String page) {
        return engine(kb, kb).respond(null, CustomerInput.typed(text, page));
    }

    /** The title and example questions verbatim, lower-cased, and without punctuation. */
    private static List<String> variants(Article article) {
        List<String> texts = new ArrayList<>(article.questions());
        texts.add(article.title());
        List<String> variants = new ArrayList<>();
        for (String text : texts) {
            variants.add(text);
            variants.add(text.toLowerCase(Locale.ROOT));
            variants.add(text.replaceAll("\\p{P}+", ""));
        }
        return variants;
    }

    private static void assertKnown(BotTurn turn, Article article, String text) {
        BotMessage first = turn.messages().getFirst();
        assertThat(first.articleId()).as(text).isEqualTo(article.id());
        assertThat(first.kind()).as(text).isEqualTo(BotMessage.ANSWER);
        assertThat(first.confidence()).as(text).isEqualTo(1.0);
        assertThat(turn.decision().band()).as(text).isEqualTo(Decision.ANSWER);
        assertThat(turn.decision().reason()).as(text).startsWith(BotEngine.KNOWN_QUESTION);
        assertThat(turn.locale()).as(text).isEqualTo(article.locale());
        assertThat(turn.state().locale()).as(text).isEqualTo(article.locale());
        assertThat(turn.escalates()).as(text).isFalse();
        if (article.isTroubleshooting() && Guide.parse(article.body()).isPresent()) {
            assertThat(turn.messages()).as(text).extracting(BotMessage::kind).containsExactly(BotMessage.ANSWER, BotMessage.STEP);
            assertThat(turn.state().guideArticleId()).as(text).isEqualTo(article.id());
        }
    }

    @Test
    void everySampleTitleAndExampleQuestionGetsItsArticleOnEitherPage() {
        List<Article> all = samples.kb.list(null);
        assertThat(all).extracting(Article::locale).contains("de", "en");
        for (Article article : all) {
            for (String text : variants(article)) {
                for (String page : List.of("de", "en")) {
                    assertKnown(say(samples.kb, text, page), article, text + " on a " + page + " page");
                }
            }
        }
    }

    /** The knowledge base, remembering the language of every search; without its known-question lookup when {@code hidden}. */
    private static final class Searches implements Retriever {

        private final KnowledgeBase kb;
        private final boolean hidden;
        final List<String> locales = new ArrayList<>();

        Searches(KnowledgeBase kb, boolean hidden) {
            this.kb = kb;
            this.hidden = hidden;
        }

        @Override
        public List<SearchHit> search(String query, String locale, int limit) {
            locales.add(locale);
            return kb.search(query, locale, limit);
        }

        @Override
        public boolean hasArticlesIn(String locale) {
            return kb.hasArticlesIn(locale);
        }

        @Override
        public List<Article> knownQuestion(String text) {
            return hidden ? List.of() : kb.knownQuestion(text);
        }
    }

    private static String topCandidate(BotTurn turn) {
        return turn.decision().candidates().getFirst().articleId();
    }

    @Test
    void theMissesSeenOnTheSampleSite() {
        Article router = samples.kb.get("de-router-kein-internet").orElseThrow();
        Article payment = samples.kb.get("de-zahlungsarten").orElseThrow();
        assertThat(router.questions()).contains("Internet geht nicht");
        assertThat(payment.questions()).contains("Kann ich mit PayPal zahlen?");

        assertKnown(say(samples.kb, "Internet geht nicht", "de"), router, "Internet geht nicht");
        assertKnown(say(samples.kb, "Kann ich mit PayPal zahlen?", "de"), payment, "Kann ich mit PayPal zahlen?");

        // No article has these as its title or an example question: they are searched, and rank the right article first.
        Searches searches = new Searches(samples.kb, false);
        BotTurn refund = engine(searches, samples.kb).respond(null, CustomerInput.typed("Geld zurück", "de"));
        assertThat(refund.decision().reason()).doesNotStartWith(BotEngine.KNOWN_QUESTION);
        assertThat(topCandidate(refund)).isEqualTo("de-erstattung");
        BotTurn shipping = engine(searches, samples.kb).respond(null, CustomerInput.typed("Versand", "de"));
        assertThat(shipping.decision().reason()).doesNotStartWith(BotEngine.KNOWN_QUESTION);
        assertThat(topCandidate(shipping)).isIn("de-versanddauer", "de-versandkosten", "de-auslandsversand");
        assertThat(searches.locales).containsOnly("de");
    }

    @Test
    void aVerbatimGermanQuestionOnAnEnglishPageGetsTheGermanArticle() {
        Searches searches = new Searches(outside.kb, false);

        BotTurn turn = engine(searches, outside.kb).respond(null, CustomerInput.typed("Rechnungskopie herunterladen", "en"));

        assertKnown(turn, RECHNUNG, "Rechnungskopie herunterladen");
        assertThat(turn.messages().getFirst().text()).contains("Kundenkonto");
        assertThat(searches.locales).as("a known question needs no search").isEmpty();
    }

    @Test
    void thinEvidenceSearchesTheOtherLanguageWhenTheFirstHasNoAnswer() {
        // Without the lookup, only the language rule can find it.
        Searches searches = new Searches(outside.kb, true);

        BotTurn turn = engine(searches, outside.kb).respond(null, CustomerInput.typed("Rechnungskopie herunterladen", "en"));

        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.messages().getFirst().articleId()).isEqualTo(RECHNUNG.id());
        assertThat(turn.locale()).isEqualTo("de");
        assertThat(turn.state().locale()).isEqualTo("de");
        assertThat(turn.decision().reason()).contains("from the de articles");
        assertThat(searches.locales).containsExactly("en", "de");
    }

    @Test
    void thinEvidenceAnsweredInTheConversationsLanguageCostsOneSearch() {
        Searches searches = new Searches(samples.kb, true);

        BotTurn turn = engine(searches, samples.kb).respond(null, CustomerInput.typed("Geld zurück", "de"));

        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.locale()).isEqualTo("de");
        assertThat(searches.locales).containsExactly("de");
    }

    @Test
    void thinEvidenceWithNothingBetterInTheOtherLanguageKeepsTheConversationsLanguage() {
        Searches searches = new Searches(samples.kb, true);

        BotTurn turn = engine(searches, samples.kb).respond(null, CustomerInput.typed("Xylophon", "en"));

        assertThat(turn.decision().band()).isEqualTo(Decision.ESCALATE);
        assertThat(turn.locale()).isEqualTo("en");
        assertThat(searches.locales).containsExactly("en", "de");
    }

    @Test
    void clearQuestionsAreSearchedOnceInTheirOwnLanguageAsBefore() {
        Searches searches = new Searches(samples.kb, false);

        BotTurn english = engine(searches, samples.kb).respond(null,
                CustomerInput.typed("How long does shipping take to Austria?", "de"));
        assertThat(english.locale()).isEqualTo("en");
        assertThat(english.messages().getFirst().articleId()).isEqualTo("en-delivery-time");
        assertThat(searches.locales).containsExactly("en");

        searches.locales.clear();
        BotTurn german = engine(searches, samples.kb).respond(null,
                CustomerInput.typed("Wie lange dauert der Versand nach Österreich?", "en"));
        assertThat(german.locale()).isEqualTo("de");
        assertThat(german.messages().getFirst().articleId()).isEqualTo("de-versanddauer");
        assertThat(searches.locales).containsExactly("de");
    }

    @Test
    void aMessageThatIsAlmostAnExampleQuestionGoesThroughTheSearch() {
        Searches searches = new Searches(samples.kb, false);

        BotTurn turn = engine(searches, samples.kb).respond(null, CustomerInput.typed("Internet geht nicht mehr", "de"));

        assertThat(turn.decision().reason()).doesNotStartWith(BotEngine.KNOWN_QUESTION);
        assertThat(turn.decision().candidates()).isNotEmpty()
                .allSatisfy(candidate -> assertThat(candidate.confidence()).isLessThan(1.0));
        assertThat(searches.locales).containsExactly("de");
    }

    @Test
    void twoArticlesSharingAQuestionAreOfferedAsAChoice() {
        for (String page : List.of("de", "en")) {
            BotTurn turn = say(outside.kb, "Versand", page);

            assertThat(turn.decision().band()).as(page).isEqualTo(Decision.CLARIFY);
            assertThat(turn.decision().reason()).as(page).isEqualTo("known question: an example question of 2 articles");
            assertThat(turn.locale()).as(page).isEqualTo("de");
            BotMessage clarify = turn.messages().getFirst();
            assertThat(clarify.kind()).isEqualTo(BotMessage.CLARIFY);
            assertThat(clarify.quickReplies()).extracting(QuickReply::payload)
                    .contains("article:" + VERSANDDAUER.id(), "article:" + VERSANDKOSTEN.id());
            assertThat(turn.state().offeredArticleIds()).containsExactly(VERSANDDAUER.id(), VERSANDKOSTEN.id());
        }
    }

    @Test
    void aTitleSharedAcrossLanguagesIsAnsweredInTheConversationsLanguage() {
        assertKnown(say(outside.kb, "Newsletter", "de"), NEWSLETTER_DE, "Newsletter on a de page");
        assertKnown(say(outside.kb, "Newsletter", "en"), NEWSLETTER_EN, "Newsletter on an en page");
    }

    @Test
    void theWishForAPersonStaysOneButAnEditorsQuestionWinsOverAGreeting() {
        BotTurn person = say(outside.kb, "Ich möchte mit einem Menschen sprechen", "de");
        assertThat(person.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
        assertThat(person.decision().band()).isEqualTo(Decision.INTENT);

        BotTurn hello = say(outside.kb, "Hallo", "de");
        assertThat(hello.messages().getFirst().articleId()).isEqualTo(CONTACT.id());
        assertThat(hello.decision().reason())
                .isEqualTo(BotEngine.KNOWN_QUESTION + "; the article wins over the built-in greeting");
    }

    @Test
    void anArticleAnEditorHandsToAPersonIsDecidedAsAlways() {
        BotTurn turn = say(outside.kb, "Dispute a refund", "en");

        assertThat(turn.decision().reason()).doesNotStartWith(BotEngine.KNOWN_QUESTION);
        assertThat(turn.messages().getFirst().articleId()).isNull();
    }
}
