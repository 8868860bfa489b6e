package io.lotse.bot;

import static io.lotse.bot.Fixtures.ROUTER;
import static io.lotse.bot.Fixtures.STEPLESS;
import static io.lotse.bot.Fixtures.WLAN;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.Fixtures.ScriptedRetriever;
import io.lotse.bot.calibration.CalibratedConfidence;
import io.lotse.bot.decision.Decision;
import io.lotse.bot.intents.QuestionFingerprint;
import io.lotse.knowledge.Article;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Troubleshooting articles walked step by step: yes ends the guide, no shows the next step, then a person. */
class BotEngineGuideTests {

    private final ScriptedRetriever retriever = new ScriptedRetriever()
            .on("My router has no internet", hit(ROUTER, 10, 1.0))
            .on("Mein WLAN funktioniert nicht", hit(WLAN, 10, 1.0))
            .on("Drucker ist offline", hit(STEPLESS, 10, 1.0))
            .on("Wie lange dauert der Versand?", hit(Fixtures.VERSAND, 12, 1.0));
    private final BotEngine engine = BotEngine.builder()
            .retriever(retriever).articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

    private BotTurn say(BotState state, String text) {
        return engine.respond(state, CustomerInput.typed(text, state.locale()));
    }

    private BotTurn click(BotState state, String label, String payload) {
        return engine.respond(state, new CustomerInput(label, payload, state.locale()));
    }

    private static BotMessage only(BotTurn turn) {
        assertThat(turn.messages()).hasSize(1);
        return turn.messages().getFirst();
    }

    private BotTurn routerGuide() {
        return say(BotState.initial("en"), "My router has no internet");
    }

    @Test
    void aTroubleshootingArticleStartsWithItsIntroAndTheFirstStep() {
        BotTurn turn = routerGuide();

        assertThat(turn.messages()).extracting(BotMessage::kind).containsExactly(BotMessage.ANSWER, BotMessage.STEP);
        BotMessage intro = turn.messages().get(0);
        assertThat(intro.text()).isEqualTo("Let's go through this step by step: “My router has no internet connection”"
                + "\n\nMost connection problems are fixed in a few minutes.");
        assertThat(intro.articleId()).isEqualTo(ROUTER.id());
        assertThat(intro.confidence()).isBetween(0.55, 1.0);
        BotMessage step = turn.messages().get(1);
        assertThat(step.text()).isEqualTo("Step 1 of 3: Check that the cable from the wall socket to the router's DSL"
                + " port is firmly in place.\n\nDoes it work now?");
        assertThat(step.articleId()).isEqualTo(ROUTER.id());
        assertThat(step.articleTitle()).isEqualTo(ROUTER.title());
        assertThat(step.quickReplies()).containsExactly(
                new QuickReply("Yes, it works", "yes"), new QuickReply("No, still not", "no"));
        assertThat(turn.state()).isEqualTo(new BotState("en", 0, ROUTER.id(), 1, List.of(),
                QuestionFingerprint.of("My router has no internet")));
        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.escalation()).isNull();
    }

    @Test
    void noShowsTheNextStepAndAfterTheLastOneAPersonTakesOver() {
        BotTurn first = routerGuide();

        BotTurn second = click(first.state(), "No, still not", "no");
        assertThat(only(second).kind()).isEqualTo(BotMessage.STEP);
        assertThat(only(second).text()).isEqualTo(
                "Step 2 of 3: Restart the router: unplug it for 30 seconds,\nthen plug it in again.\n\nDoes it work now?");
        assertThat(only(second).confidence()).isNull();
        assertThat(second.state().guideStep()).isEqualTo(2);
        assertThat(second.decision().band()).isEqualTo(Decision.GUIDE);
        assertThat(second.decision().reason()).isEqualTo(
                "guide router-no-internet: step 1 did not help, showing step 2 of 3");
        assertThat(retriever.calls).hasSize(1);

        BotTurn third = say(second.state(), "No, still not working");
        assertThat(only(third).text()).startsWith("Step 3 of 3: Reset the router");
        assertThat(third.escalation()).isNull();

        BotTurn exhausted = click(third.state(), "No, still not", "no");
        assertThat(exhausted.escalation()).isEqualTo(EscalationReason.GUIDE_EXHAUSTED);
        assertThat(exhausted.escalation().code()).isEqualTo("guide_exhausted");
        assertThat(only(exhausted).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(only(exhausted).text()).contains("which steps you've already tried");
        assertThat(exhausted.decision().reason()).isEqualTo(
                "guide router-no-internet: all 3 steps tried, the problem remains");
        assertThat(exhausted.state()).isEqualTo(new BotState("en", 0, null, 0, List.of()));
        assertThat(retriever.calls).hasSize(1);
    }

    @Test
    void yesEndsTheGuideGladly() {
        BotTurn first = routerGuide();
        BotTurn second = click(first.state(), "No, still not", "no");

        BotTurn solved = say(second.state(), "Yes, it works now!");

        assertThat(only(solved).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(only(solved).text()).startsWith("Great, glad it works again!");
        assertThat(only(solved).confidence()).isNull();
        assertThat(solved.decision().reason()).isEqualTo("guide router-no-internet: step 2 of 3 solved it");
        assertThat(solved.state().guideArticleId()).isNull();
        assertThat(solved.escalation()).isNull();
    }

    @Test
    void theYesButtonEndsTheGuideToo() {
        BotTurn solved = click(routerGuide().state(), "Yes, it works", "yes");

        assertThat(only(solved).text()).startsWith("Great, glad it works again!");
    }

    @Test
    void aGermanGuideInGermanWithRoundBracketNumbers() {
        BotTurn turn = say(BotState.initial("de"), "Mein WLAN funktioniert nicht");

        assertThat(turn.messages().get(0).text()).isEqualTo("Gehen wir das Schritt für Schritt durch: „Mein WLAN funktioniert nicht“");
        assertThat(turn.messages().get(1).text()).isEqualTo(
                "Schritt 1 von 2: Prüfen Sie, ob das WLAN am Router eingeschaltet ist.\n\nFunktioniert es jetzt?");
        assertThat(turn.messages().get(1).quickReplies()).extracting(QuickReply::label)
                .containsExactly("Ja, es funktioniert", "Nein, noch nicht");

        BotTurn next = say(turn.state(), "nein, leider nicht");
        assertThat(only(next).text()).startsWith("Schritt 2 von 2: Starten Sie den Router neu.");

        BotTurn exhausted = say(next.state(), "geht immer noch nicht");
        assertThat(exhausted.escalation()).isEqualTo(EscalationReason.GUIDE_EXHAUSTED);
        assertThat(only(exhausted).text()).startsWith("Schade, dass das Problem noch besteht.");
    }

    @Test
    void aTroubleshootingArticleWithoutANumberedListIsAnsweredWhole() {
        BotTurn turn = say(BotState.initial("de"), "Drucker ist offline");

        assertThat(only(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(only(turn).text()).isEqualTo(STEPLESS.body());
        assertThat(turn.state().guideArticleId()).isNull();
    }

    @Test
    void aNewQuestionLeavesTheGuide() {
        BotTurn guide = say(BotState.initial("de"), "Mein WLAN funktioniert nicht");

        BotTurn question = say(guide.state(), "Wie lange dauert der Versand?");

        assertThat(only(question).articleId()).isEqualTo("versand-dauer");
        assertThat(question.state().guideArticleId()).isNull();
        BotTurn no = click(question.state(), "Nein", "no");
        assertThat(only(no).kind()).isEqualTo(BotMessage.NO_ANSWER);
    }

    @Test
    void smallTalkInTheMiddleOfAGuideKeepsIt() {
        BotTurn guide = routerGuide();

        BotTurn ok = say(guide.state(), "ok 👍");
        BotTurn next = click(ok.state(), "No, still not", "no");

        assertThat(only(ok).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(ok.state()).isEqualTo(guide.state());
        assertThat(only(next).text()).startsWith("Step 2 of 3");
    }

    @Test
    void askingForAPersonInTheMiddleOfAGuideHandsOver() {
        BotTurn handoff = say(routerGuide().state(), "I want to talk to a human");

        assertThat(handoff.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
        assertThat(handoff.state().guideArticleId()).isNull();
    }

    @Test
    void aGuideWhoseArticleWasDeletedMeanwhileEndsAsAnAnswerWould() {
        BotState walking = routerGuide().state();
        BotEngine withoutRouter = BotEngine.builder().retriever(retriever).articles(id -> Optional.empty())
                .settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

        BotTurn no = withoutRouter.respond(walking, new CustomerInput("No, still not", "no", "en"));
        BotTurn yes = withoutRouter.respond(walking, new CustomerInput("Yes, it works", "yes", "en"));

        assertThat(only(no).kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(no.state().unansweredInARow()).isEqualTo(1);
        assertThat(no.state().guideArticleId()).isNull();
        assertThat(only(yes).text()).startsWith("Glad that helped!");
    }

    @Test
    void aGuideThatWasShortenedMeanwhileHandsOverAfterItsLastStep() {
        Article shorter = Fixtures.troubleshooting(ROUTER.id(), "en", ROUTER.title(), "1. Only this step.");
        BotEngine edited = BotEngine.builder().retriever(retriever).articles(id -> Optional.of(shorter))
                .settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

        BotTurn no = edited.respond(new BotState("en", 0, ROUTER.id(), 3, List.of()),
                new CustomerInput("No, still not", "no", "en"));

        assertThat(no.escalation()).isEqualTo(EscalationReason.GUIDE_EXHAUSTED);
    }
}
