package io.lotse.bot;

import static io.lotse.bot.Fixtures.SHIPPING;
import static io.lotse.bot.Fixtures.SHIPPING_COST;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.Fixtures.ScriptedRetriever;
import io.lotse.bot.calibration.Calibration;
import io.lotse.bot.decision.Decision;
import io.lotse.knowledge.Article;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The three bands and small talk with the calibrated confidence and the thresholds that come with
 * it, on a small English knowledge base whose editor wrote a greeting article of their own.
 */
class CalibratedEngineTests {

    private static final Article GREETING = Fixtures.faq("greeting", "en", "greeting", "Hello from the editor's own article!");
    private static final Map<String, Article> ARTICLES = Map.of(
            SHIPPING.id(), SHIPPING, SHIPPING_COST.id(), SHIPPING_COST, GREETING.id(), GREETING);
    private static final Calibration.Result CALIBRATION = Calibration.defaults();

    private final ScriptedRetriever retriever = new ScriptedRetriever()
            .on("How long does shipping take?", hit(SHIPPING, 0.95, 0.92, 1, 9), hit(SHIPPING_COST, 0.03, 0.7, 0.5, 4))
            .on("shipping", hit(SHIPPING, 0.45, 0.80, 1, 5), hit(SHIPPING_COST, 0.42, 0.80, 1, 4.8))
            .on("Can I pay with bitcoin?", hit(SHIPPING_COST, 0.10, 0.60, 0.3, 1))
            .on("Hello", hit(GREETING, 0.97, 0.93, 1, 5))
            .on("how are you doing", hit(GREETING, 0.90, 0.88, 0.5, 2))
            .on("Hi", hit(GREETING, 0.20, 0.65, 0, 0));

    private final BotEngine engine = BotEngine.builder()
            .retriever(retriever)
            .articles(id -> Optional.ofNullable(ARTICLES.get(id)))
            .settings(CALIBRATION.applyTo(BotSettings.defaults()))
            .confidence(CALIBRATION.model())
            .build();

    private BotTurn say(String text) {
        return engine.respond(BotState.initial("en"), CustomerInput.typed(text, "en"));
    }

    private static BotMessage first(BotTurn turn) {
        return turn.messages().getFirst();
    }

    @Test
    void aConfidentArticleIsAnsweredWithItsCalibratedConfidence() {
        BotTurn turn = say("How long does shipping take?");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(first(turn).articleId()).isEqualTo(SHIPPING.id());
        assertThat(first(turn).confidence()).isGreaterThan(0.9).isLessThan(1.0);
        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.decision().candidates()).extracting(Candidate::articleId).containsExactly(SHIPPING.id(), SHIPPING_COST.id());
    }

    @Test
    void twoCloseArticlesAreOfferedAsAChoice() {
        BotTurn turn = say("shipping");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.CLARIFY);
        assertThat(first(turn).quickReplies()).extracting(QuickReply::payload)
                .containsExactly("article:" + SHIPPING.id(), "article:" + SHIPPING_COST.id(), "human");
        assertThat(turn.decision().band()).isEqualTo(Decision.CLARIFY);
    }

    @Test
    void aWeakMatchIsAdmittedAndAPersonOffered() {
        BotTurn turn = say("Can I pay with bitcoin?");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(turn.decision().band()).isEqualTo(Decision.ESCALATE);
        assertThat(turn.decision().reason()).contains("below clarify threshold");
        assertThat(turn.decision().candidates()).hasSize(1);
    }

    @Test
    void aConfidentArticleWinsOverTheBuiltInGreeting() {
        BotTurn turn = say("Hello");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(first(turn).articleId()).isEqualTo("greeting");
        assertThat(first(turn).text()).isEqualTo("Hello from the editor's own article!");
        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.decision().reason()).endsWith("the article wins over the built-in greeting");
    }

    @Test
    void aGreetingIntentOfADatasetIsAnsweredByItsArticle() {
        BotTurn turn = say("how are you doing");

        assertThat(first(turn).articleId()).isEqualTo("greeting");
    }

    @Test
    void withoutAConfidentArticleTheBuiltInGreetingAnswers() {
        BotTurn turn = say("Hi");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(first(turn).text()).isEqualTo(Messages.of("en").text(Phrase.GREETING));
        assertThat(turn.decision().band()).isEqualTo(Decision.INTENT);
    }

    @Test
    void smallTalkWithoutAnyArticleIsSmallTalk() {
        BotTurn turn = say("Thanks!");

        assertThat(first(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(retriever.calls).extracting(ScriptedRetriever.Call::query).containsExactly("Thanks!");
    }

    @Test
    void aFailedSearchDoesNotSpoilSmallTalk() {
        BotEngine failing = BotEngine.builder().retriever((query, locale, limit) -> {
            throw new IllegalStateException("index closed");
        }).articles(id -> Optional.empty()).settings(CALIBRATION.applyTo(BotSettings.defaults()))
                .confidence(CALIBRATION.model()).build();

        BotTurn turn = failing.respond(BotState.initial("en"), CustomerInput.typed("Hello", "en"));

        assertThat(first(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
    }

    @Test
    void inAGuideSmallTalkKeepsTheGuideAndSearchesNothing() {
        BotState inGuide = new BotState("en", 0, Fixtures.ROUTER.id(), 1, List.of());

        BotTurn turn = engine.respond(inGuide, CustomerInput.typed("Hello", "en"));

        assertThat(first(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(turn.state()).isEqualTo(inGuide);
        assertThat(retriever.calls).isEmpty();
    }
}
