package io.lotse.bot;

import static io.lotse.bot.Fixtures.RUECKSENDUNG;
import static io.lotse.bot.Fixtures.SHIPPING;
import static io.lotse.bot.Fixtures.SHIPPING_COST;
import static io.lotse.bot.Fixtures.VERSAND;
import static io.lotse.bot.Fixtures.VERSANDKOSTEN;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.bot.Fixtures.ScriptedRetriever;
import io.lotse.bot.decision.Decision;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotEngineTests {

    private final ScriptedRetriever retriever = new ScriptedRetriever()
            .on("Wie lange dauert der Versand?", hit(VERSAND, 12, 1.0), hit(VERSANDKOSTEN, 3, 0.5))
            .on("wie lange dauert der Versand", hit(VERSAND, 12, 1.0), hit(VERSANDKOSTEN, 3, 0.5))
            .on("How long does shipping take?", hit(SHIPPING, 12, 1.0), hit(SHIPPING_COST, 3, 0.5))
            .on("Versand", hit(VERSAND, 8, 1.0), hit(VERSANDKOSTEN, 7.8, 1.0), hit(RUECKSENDUNG, 1, 0.2))
            .on("Kann ich mit Bitcoin zahlen?", hit(VERSANDKOSTEN, 2, 0.3))
            .on("Gibt es Gutscheine?", hit(RUECKSENDUNG, 1.5, 0.25))
            .on("Mist, mein Paket ist noch nicht da", hit(VERSAND, 9, 0.8))
            .on("Versand und Rücksendung", hit(VERSAND, 7, 1.0), hit(VERSANDKOSTEN, 6.9, 1.0),
                    hit(RUECKSENDUNG, 6.8, 1.0), hit(Fixtures.WLAN, 6.7, 1.0))
            .on("shipping", hit(SHIPPING, 8, 1.0), hit(SHIPPING_COST, 7.8, 1.0));
    private final BotEngine engine = BotEngine.builder()
            .retriever(retriever).articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(Fixtures.BY_COVERAGE)
            .build();

    private BotTurn say(BotState state, String text) {
        return engine.respond(state, CustomerInput.typed(text, "de"));
    }

    private BotTurn click(BotState state, String label, String payload) {
        return engine.respond(state, new CustomerInput(label, payload, "de"));
    }

    private static BotState fresh() {
        return BotState.initial("de");
    }

    private static BotMessage only(BotTurn turn) {
        assertThat(turn.messages()).hasSize(1);
        return turn.messages().getFirst();
    }

    // --- small talk -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Hallo", "Guten Tag", "Moin", "Servus", "Danke", "Vielen Dank", "Tschüss",
            "Auf Wiedersehen"})
    void germanSmallTalkIsAnsweredInGermanWhenNoArticleIsConfident(String text) {
        BotTurn turn = say(fresh(), text);

        assertThat(only(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(only(turn).confidence()).isNull();
        assertThat(turn.locale()).isEqualTo("de");
        assertThat(turn.escalation()).isNull();
        assertThat(turn.decision().band()).isEqualTo(Decision.INTENT);
        assertThat(retriever.calls).extracting(ScriptedRetriever.Call::query).containsExactly(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "Hi", "Good morning", "Thanks", "Thank you", "Cheers", "Bye", "See you"})
    void englishSmallTalkIsSmallTalk(String text) {
        BotTurn turn = engine.respond(BotState.initial("en"), CustomerInput.typed(text, "en"));

        assertThat(only(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(turn.locale()).isEqualTo("en");
        assertThat(retriever.calls).extracting(ScriptedRetriever.Call::query).containsExactly(text);
    }

    @Test
    void greetingThanksAndGoodbyeEachGetTheirOwnReply() {
        assertThat(only(say(fresh(), "Hallo")).text()).contains("Wie kann ich Ihnen helfen?");
        assertThat(only(say(fresh(), "Danke!")).text()).startsWith("Gern geschehen");
        assertThat(only(say(fresh(), "Tschüss")).text()).startsWith("Auf Wiedersehen");
        assertThat(only(engine.respond(null, CustomerInput.typed("Thank you", "en"))).text())
                .startsWith("You're welcome");
    }

    @Test
    void aGreetingThatCarriesAQuestionIsSearchedWithoutTheGreeting() {
        BotTurn turn = say(fresh(), "Hallo, wie lange dauert der Versand?");

        assertThat(retriever.calls).singleElement()
                .isEqualTo(new ScriptedRetriever.Call("wie lange dauert der Versand", "de", 5));
        assertThat(only(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(only(turn).articleId()).isEqualTo("versand-dauer");
    }

    // --- the wish for a person ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Ich möchte mit einem Mitarbeiter sprechen", "echter Mensch", "Mitarbeiter bitte",
            "mit einem Menschen reden", "Kundenservice anrufen", "agent please", "talk to a human",
            "real person", "speak to someone", "representative", "kann ich jemanden anrufen",
            "talk to a real person", "Hallo, ich möchte bitte mit einem Menschen sprechen"})
    void askingForAPersonEscalatesAtOnce(String text) {
        BotTurn turn = say(fresh(), text);

        assertThat(turn.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
        assertThat(only(turn).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(turn.decision().band()).isEqualTo(Decision.INTENT);
        assertThat(retriever.calls).isEmpty();
    }

    @Test
    void askingWhetherTheBotIsAPersonIsAnsweredHonestlyWithAPersonOnOffer() {
        BotTurn german = say(fresh(), "Bin ich hier mit einem echten Menschen verbunden?");
        BotTurn english = engine.respond(BotState.initial("en"), CustomerInput.typed("Am I talking to a real person?", "en"));

        assertThat(only(german).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(only(german).text()).contains("digitale Assistent", "kein Mensch");
        assertThat(only(german).quickReplies()).extracting(QuickReply::payload).containsExactly("human");
        assertThat(german.escalation()).isNull();
        assertThat(german.decision().band()).isEqualTo(Decision.INTENT);
        assertThat(german.state().unansweredInARow()).isZero();
        assertThat(only(english).text()).contains("digital assistant", "not a person");
        assertThat(english.escalation()).isNull();
    }

    @Test
    void anEditorsArticleAboutTheBotWinsOverTheBuiltInReply() {
        ScriptedRetriever withArticle = new ScriptedRetriever().on("Bist du ein Bot?", hit(VERSAND, 12, 1.0));
        BotEngine engine = BotEngine.builder().retriever(withArticle).articles(Fixtures.lookup()).settings(BotSettings.defaults())
                .confidence(Fixtures.BY_COVERAGE).build();

        BotTurn turn = engine.respond(fresh(), CustomerInput.typed("Bist du ein Bot?", "de"));

        assertThat(only(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(turn.decision().reason()).contains("wins over the built-in question whether the bot is a person");
    }

    @Test
    void theHumanButtonEscalatesInTheConversationsLanguage() {
        BotTurn turn = click(fresh(), "Mit einem Menschen sprechen", "human");

        assertThat(turn.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
        assertThat(turn.escalation().code()).isEqualTo("customer_request");
        assertThat(only(turn).text()).contains("Menschen aus unserem Team");
        assertThat(turn.locale()).isEqualTo("de");
    }

    // --- frustration ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Das ist doch totaler Mist!!! Ihr seid unfähig", "Das hilft nicht", "Mir reicht's!",
            "Euer Service ist eine Katastrophe", "Ich habe die Nase voll"})
    void germanFrustrationHandsOverAtOnce(String text) {
        BotTurn turn = say(fresh(), text);

        assertThat(turn.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
        assertThat(turn.escalation().code()).isEqualTo("frustration");
        assertThat(only(turn).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(only(turn).text()).startsWith("Das tut mir leid. Ich gebe Sie jetzt an einen Menschen");
        assertThat(turn.decision().reason()).isEqualTo("customer frustrated");
        assertThat(turn.locale()).isEqualTo("de");
    }

    @ParameterizedTest
    @ValueSource(strings = {"This is ridiculous, your service is useless!!!", "you people are incompetent",
            "I'm fed up", "I've had enough!", "this is useless"})
    void englishFrustrationHandsOverAtOnce(String text) {
        BotTurn turn = engine.respond(BotState.initial("en"), CustomerInput.typed(text, "en"));

        assertThat(turn.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
        assertThat(only(turn).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(only(turn).text()).startsWith("I'm sorry about that. I'm passing you on to a person");
        assertThat(turn.locale()).isEqualTo("en");
    }

    @Test
    void frustrationAfterAnUnansweredQuestionSaysSo() {
        BotTurn unanswered = say(fresh(), "Kann ich mit Bitcoin zahlen?");
        BotTurn frustrated = say(unanswered.state(), "Das hilft mir nicht weiter");

        assertThat(frustrated.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
        assertThat(frustrated.decision().reason()).isEqualTo("customer frustrated after 1 unanswered");
        assertThat(frustrated.state()).isEqualTo(new BotState("de", 0, null, 0, List.of(), null));
    }

    @Test
    void aCurseThatCarriesAQuestionIsSearched() {
        BotTurn turn = say(fresh(), "Mist, mein Paket ist noch nicht da");

        assertThat(turn.escalation()).isNull();
        assertThat(only(turn).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(only(turn).articleId()).isEqualTo("versand-dauer");
    }

    @Test
    void aCalmQuestionWithManyMarksIsSearched() {
        BotTurn turn = say(fresh(), "Wie lange dauert der Versand???");

        assertThat(turn.escalation()).isNull();
        assertThat(turn.decision().band()).isNotEqualTo(Decision.INTENT);
    }

    // --- the same question again -------------------------------------------------------------------

    @Test
    void theSameQuestionAgainAfterAnAnswerHandsOver() {
        BotTurn answered = say(fresh(), "Wie lange dauert der Versand?");
        BotTurn again = say(answered.state(), "wie lange dauert der Versand??");

        assertThat(answered.escalation()).isNull();
        assertThat(answered.state().lastQuestion()).isNotNull().hasSize(16).doesNotContain("Versand");
        assertThat(again.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
        assertThat(only(again).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(again.decision().reason()).isEqualTo("customer asked the same question again");
        assertThat(again.state().lastQuestion()).isNull();
    }

    @Test
    void theSameQuestionAgainAfterNoAnswerHandsOverBeforeTheUnansweredLimit() {
        BotTurn unanswered = say(fresh(), "Kann ich mit Bitcoin zahlen?");
        BotTurn again = say(unanswered.state(), "Kann ich BITCOIN zahlen? Ich frage jetzt nochmal: mit Bitcoin");

        assertThat(unanswered.escalation()).isNull();
        assertThat(again.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
    }

    @Test
    void theSameQuestionAgainAfterAClarifyOrSmallTalkHandsOver() {
        BotTurn clarify = say(fresh(), "Versand");
        BotTurn thanks = say(clarify.state(), "ok");
        BotTurn again = say(thanks.state(), "Versand!");

        assertThat(only(clarify).kind()).isEqualTo(BotMessage.CLARIFY);
        assertThat(again.escalation()).isEqualTo(EscalationReason.FRUSTRATION);
    }

    @Test
    void anotherQuestionOrTheSameAfterAnotherIsAnsweredAsUsual() {
        BotTurn first = say(fresh(), "Wie lange dauert der Versand?");
        BotTurn other = say(first.state(), "Gibt es Gutscheine?");
        BotTurn back = say(other.state(), "Wie lange dauert der Versand?");
        BotTurn longer = say(first.state(), "Wie lange dauert der Versand nach Österreich?");

        assertThat(other.escalation()).isNull();
        assertThat(back.escalation()).isNull();
        assertThat(only(back).articleId()).isEqualTo("versand-dauer");
        assertThat(longer.escalation()).isNull();
    }

    @Test
    void aStateStoredBeforeTheLastQuestionWasRememberedStillWorks() {
        BotState old = new BotState("de", 1, null, 0, List.of());
        BotTurn turn = say(old, "Wie lange dauert der Versand?");

        assertThat(old.lastQuestion()).isNull();
        assertThat(turn.escalation()).isNull();
        assertThat(only(turn).articleId()).isEqualTo("versand-dauer");
    }

    // --- retrieval bands ------------------------------------------------------------------------

    @Test
    void aClearTopArticleIsAnsweredWithItsBodyAndAPersonOnOffer() {
        BotTurn turn = say(fresh(), "Wie lange dauert der Versand?");

        BotMessage answer = only(turn);
        assertThat(answer.kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(answer.text()).isEqualTo(VERSAND.body());
        assertThat(answer.articleId()).isEqualTo("versand-dauer");
        assertThat(answer.articleTitle()).isEqualTo(VERSAND.title());
        assertThat(answer.confidence()).isBetween(0.55, 1.0);
        assertThat(answer.quickReplies()).containsExactly(new QuickReply("Mit einem Menschen sprechen", "human"));
        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.decision().reason()).startsWith("top article 0.").contains("above answer threshold 0.55");
        assertThat(turn.decision().candidates()).extracting(Candidate::articleId)
                .containsExactly("versand-dauer", "versandkosten");
        assertThat(turn.decision().candidates().getFirst().score()).isEqualTo(12);
        assertThat(turn.decision().candidates().getFirst().coverage()).isEqualTo(1.0);
        assertThat(turn.state().unansweredInARow()).isZero();
    }

    @Test
    void aQuestionGoesToTheRetrieverAsTypedInTheConversationsLanguage() {
        say(fresh(), "Wie lange dauert der Versand?");

        assertThat(retriever.calls).containsExactly(new ScriptedRetriever.Call("Wie lange dauert der Versand?", "de", 5));
    }

    @Test
    void twoCloseArticlesAreOfferedAndTheOnePickedIsAnswered() {
        BotTurn clarify = say(fresh(), "Versand");

        BotMessage question = only(clarify);
        assertThat(question.kind()).isEqualTo(BotMessage.CLARIFY);
        assertThat(question.text()).isEqualTo("Meinten Sie „Wie lange dauert der Versand?“ oder „Was kostet der Versand?“?");
        assertThat(question.quickReplies()).containsExactly(
                new QuickReply("Wie lange dauert der Versand?", "article:versand-dauer"),
                new QuickReply("Was kostet der Versand?", "article:versandkosten"),
                new QuickReply("Nichts davon", "human"));
        assertThat(clarify.state().offeredArticleIds()).containsExactly("versand-dauer", "versandkosten");
        assertThat(clarify.decision().band()).isEqualTo(Decision.CLARIFY);
        assertThat(clarify.decision().candidates()).hasSize(3);

        BotTurn picked = click(clarify.state(), "Was kostet der Versand?", "article:versandkosten");

        assertThat(only(picked).kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(only(picked).articleId()).isEqualTo("versandkosten");
        assertThat(only(picked).confidence()).isEqualTo(1.0);
        assertThat(picked.decision().reason()).contains("offered");
        assertThat(picked.state().offeredArticleIds()).isEmpty();
    }

    @Test
    void atMostThreeCloseArticlesAreOffered() {
        BotTurn clarify = say(fresh(), "Versand und Rücksendung");

        BotMessage question = only(clarify);
        assertThat(question.kind()).isEqualTo(BotMessage.CLARIFY);
        assertThat(question.text()).isEqualTo("Meinten Sie „Wie lange dauert der Versand?“, „Was kostet der Versand?“"
                + " oder „Wie sende ich etwas zurück?“?");
        assertThat(question.quickReplies()).extracting(QuickReply::payload)
                .containsExactly("article:versand-dauer", "article:versandkosten", "article:ruecksendung", "human");
        assertThat(question.confidence()).isNull();
        assertThat(clarify.decision().candidates()).hasSize(4);
        assertThat(clarify.state().offeredArticleIds()).hasSize(3);
        assertThat(clarify.escalation()).isNull();
    }

    @Test
    void anEnglishConversationAsksInEnglish() {
        BotTurn clarify = engine.respond(BotState.initial("en"), CustomerInput.typed("shipping", "en"));

        assertThat(only(clarify).text()).isEqualTo("Did you mean “How long does shipping take?” or “What does shipping cost?”?");
        assertThat(only(clarify).quickReplies()).extracting(QuickReply::label)
                .containsExactly("How long does shipping take?", "What does shipping cost?", "None of these");
    }

    @Test
    void anOfferedArticleCanStillBePickedAfterSmallTalk() {
        BotTurn clarify = say(fresh(), "Versand");
        BotTurn hello = say(clarify.state(), "ok");
        BotTurn picked = click(hello.state(), "Wie lange dauert der Versand?", "article:versand-dauer");

        assertThat(only(picked).articleId()).isEqualTo("versand-dauer");
        assertThat(picked.decision().reason()).isEqualTo("customer picked article versand-dauer from the offered choices");
    }

    @Test
    void noneOfTheOfferedArticlesMeansAPerson() {
        BotTurn clarify = say(fresh(), "Versand");
        BotTurn none = click(clarify.state(), "Nichts davon", "human");

        assertThat(none.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
    }

    @Test
    void anUnknownArticlePayloadIsHandledAsText() {
        BotTurn turn = click(fresh(), "Wie lange dauert der Versand?", "article:does-not-exist");

        assertThat(only(turn).articleId()).isEqualTo("versand-dauer");
        assertThat(retriever.calls).hasSize(1);
    }

    @Test
    void aMalformedArticlePayloadIsNotLookedUp() {
        BotTurn turn = click(fresh(), "Hallo", "article:../../etc/passwd");

        assertThat(only(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
    }

    @Test
    void aWeakMatchIsNotAnsweredAndAPersonIsOffered() {
        BotTurn turn = say(fresh(), "Kann ich mit Bitcoin zahlen?");

        BotMessage message = only(turn);
        assertThat(message.kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(message.articleId()).isNull();
        assertThat(message.text()).contains("anders formulieren");
        assertThat(message.quickReplies()).extracting(QuickReply::payload).containsExactly("human");
        assertThat(turn.decision().band()).isEqualTo(Decision.ESCALATE);
        assertThat(turn.decision().reason()).contains("below clarify threshold 0.40");
        assertThat(turn.decision().candidates()).singleElement().extracting(Candidate::articleId)
                .isEqualTo("versandkosten");
        assertThat(turn.escalation()).isNull();
        assertThat(turn.state().unansweredInARow()).isEqualTo(1);
    }

    @Test
    void twoUnansweredInARowEscalateWithLowConfidence() {
        BotTurn first = say(fresh(), "Kann ich mit Bitcoin zahlen?");
        BotTurn second = say(first.state(), "Gibt es Gutscheine?");

        assertThat(second.escalation()).isEqualTo(EscalationReason.LOW_CONFIDENCE);
        assertThat(second.escalation().code()).isEqualTo("low_confidence");
        assertThat(only(second).kind()).isEqualTo(BotMessage.HANDOFF);
        assertThat(second.decision().band()).isEqualTo(Decision.ESCALATE);
        assertThat(second.decision().reason()).endsWith("2 unanswered in a row");
        assertThat(second.decision().candidates()).isNotEmpty();
        assertThat(second.state().unansweredInARow()).isZero();
    }

    @Test
    void theNumberOfUnansweredQuestionsBeforeAHandoffIsASetting() {
        BotEngine patient = BotEngine.builder().retriever(retriever).articles(Fixtures.lookup())
                .settings(new BotSettings(0.55, 0.40, 0.10, 3, 5)).confidence(Fixtures.BY_COVERAGE).build();

        BotTurn first = patient.respond(fresh(), CustomerInput.typed("Kann ich mit Bitcoin zahlen?", "de"));
        BotTurn second = patient.respond(first.state(), CustomerInput.typed("Gibt es Gutscheine?", "de"));
        BotTurn third = patient.respond(second.state(), CustomerInput.typed("Wie ist das Wetter?", "de"));

        assertThat(second.escalation()).isNull();
        assertThat(second.state().unansweredInARow()).isEqualTo(2);
        assertThat(third.escalation()).isEqualTo(EscalationReason.LOW_CONFIDENCE);
        assertThat(third.decision().reason()).isEqualTo("no article found; 3 unanswered in a row");
    }

    @Test
    void anAnswerBreaksTheUnansweredStreak() {
        BotTurn unanswered = say(fresh(), "Kann ich mit Bitcoin zahlen?");
        BotTurn answered = say(unanswered.state(), "Wie lange dauert der Versand?");
        BotTurn unansweredAgain = say(answered.state(), "Gibt es Gutscheine?");

        assertThat(answered.state().unansweredInARow()).isZero();
        assertThat(unansweredAgain.escalation()).isNull();
        assertThat(unansweredAgain.state().unansweredInARow()).isEqualTo(1);
    }

    @Test
    void nothingFoundIsNotAnswered() {
        BotTurn turn = say(fresh(), "Wie ist das Wetter auf dem Mars?");

        assertThat(only(turn).kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(turn.decision().reason()).isEqualTo("no article found");
        assertThat(turn.decision().candidates()).isEmpty();
    }

    @Test
    void aFailingSearchIsNotAnsweredButTheConversationGoesOn() {
        BotEngine broken = BotEngine.builder().retriever((q, l, n) -> {
            throw new IllegalStateException("index closed");
        }).articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(Fixtures.BY_COVERAGE).build();

        BotTurn turn = broken.respond(fresh(), CustomerInput.typed("Wie lange dauert der Versand?", "de"));

        assertThat(only(turn).kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(turn.decision().reason()).contains("search failed");
    }

    // --- yes and no without a guide -------------------------------------------------------------

    @Test
    void yesAfterAnAnswerIsGladAndNoOffersAPersonAndCounts() {
        BotTurn answered = say(fresh(), "Wie lange dauert der Versand?");

        BotTurn yes = click(answered.state(), "Ja", "yes");
        assertThat(only(yes).kind()).isEqualTo(BotMessage.SMALLTALK);
        assertThat(only(yes).text()).startsWith("Das freut mich");

        BotTurn no = click(answered.state(), "Nein", "no");
        assertThat(only(no).kind()).isEqualTo(BotMessage.NO_ANSWER);
        assertThat(only(no).quickReplies()).extracting(QuickReply::payload).containsExactly("human");
        assertThat(no.state().unansweredInARow()).isEqualTo(1);

        BotTurn noAgain = click(no.state(), "Nein", "no");
        assertThat(noAgain.escalation()).isEqualTo(EscalationReason.LOW_CONFIDENCE);
    }

    // --- language --------------------------------------------------------------------------------

    @Test
    void englishOnAGermanPageIsAnsweredInEnglishFromEnglishArticles() {
        BotTurn turn = say(fresh(), "How long does shipping take?");

        assertThat(turn.locale()).isEqualTo("en");
        assertThat(turn.state().locale()).isEqualTo("en");
        assertThat(retriever.calls).singleElement().extracting(ScriptedRetriever.Call::locale).isEqualTo("en");
        assertThat(only(turn).articleId()).isEqualTo("shipping-time");
        assertThat(only(turn).quickReplies()).containsExactly(new QuickReply("Talk to a person", "human"));
    }

    @Test
    void englishOnASiteWithOnlyGermanArticlesStaysGermanAndIsSearchedThere() {
        retriever.onlyIn("de");

        BotTurn turn = say(fresh(), "How long does shipping take?");

        assertThat(turn.locale()).isEqualTo("de");
        assertThat(turn.state().locale()).isEqualTo("de");
        assertThat(retriever.calls).singleElement().extracting(ScriptedRetriever.Call::locale).isEqualTo("de");
    }

    @Test
    void anEnglishPageOfASiteWithOnlyGermanArticlesIsAnsweredFromThem() {
        retriever.onlyIn("de");

        BotTurn turn = engine.respond(null, CustomerInput.typed("Versand", "en"));

        assertThat(turn.locale()).isEqualTo("de");
        assertThat(retriever.calls).singleElement().extracting(ScriptedRetriever.Call::locale).isEqualTo("de");
        assertThat(only(turn).text()).as("the German articles offered, in German").startsWith("Meinten Sie „Wie lange dauert der Versand?“");
    }

    @Test
    void aGermanConversationMovesToEnglishOnlyWhereEnglishArticlesExist() {
        retriever.onlyIn("de", "en");
        assertThat(say(fresh(), "How long does shipping take?").locale()).isEqualTo("en");

        retriever.calls.clear();
        retriever.onlyIn();
        BotTurn nothingAnywhere = say(fresh(), "How long does shipping take?");
        assertThat(nothingAnywhere.locale()).as("no article in either language: the customer's language").isEqualTo("en");
        assertThat(retriever.calls).singleElement().extracting(ScriptedRetriever.Call::locale).isEqualTo("en");
    }

    @Test
    void eachMessageIsDecidedWithTheCalibrationOfTheLanguageItIsAnsweredIn() {
        // English is calibrated to answer nothing; German and any other language keep the defaults.
        BotSettings neverAnswer = new BotSettings(1.0, 1.0, 0.10, 2, 5);
        BotEngine calibrated = BotEngine.builder()
                .retriever(retriever).articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(Fixtures.BY_COVERAGE)
                .languages(Map.of("en", new BotEngine.ForLanguage(neverAnswer, Fixtures.BY_COVERAGE)))
                .build();

        BotTurn german = calibrated.respond(fresh(), CustomerInput.typed("Wie lange dauert der Versand?", "de"));
        BotTurn english = calibrated.respond(german.state(), CustomerInput.typed("How long does shipping take?", "de"));

        assertThat(german.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(english.locale()).isEqualTo("en");
        assertThat(english.decision().band()).as("decided with the English calibration, which never answers, in a German conversation")
                .isNotEqualTo(Decision.ANSWER);
        assertThat(engine.respond(german.state(), CustomerInput.typed("How long does shipping take?", "de")).decision().band())
                .as("the same message with the defaults").isEqualTo(Decision.ANSWER);
    }

    @Test
    void theConversationKeepsItsLanguageForShortMessages() {
        BotTurn english = say(fresh(), "How long does shipping take?");
        BotTurn thanks = say(english.state(), "ok danke");

        assertThat(thanks.locale()).isEqualTo("en");
    }

    @Test
    void theFirstMessageWithoutStateUsesThePageLanguage() {
        assertThat(engine.respond(null, CustomerInput.typed("Hallo", "de")).locale()).isEqualTo("de");
        assertThat(engine.respond(null, CustomerInput.typed("Hallo", "en")).locale()).isEqualTo("en");
        assertThat(engine.respond(null, CustomerInput.typed("Hallo", "fr")).locale()).isEqualTo("en");
        assertThat(engine.respond(BotState.initial(null), CustomerInput.typed("Hallo", "de")).locale())
                .isEqualTo("de");
    }

    @Test
    void unknownPayloadsAreIgnored() {
        BotTurn turn = click(fresh(), "Hallo", "launch-missiles");

        assertThat(only(turn).kind()).isEqualTo(BotMessage.SMALLTALK);
    }

    @Test
    void anInputIsRequired() {
        assertThatThrownBy(() -> engine.respond(fresh(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBuilderNamesTheMissingPart() {
        assertThatThrownBy(() -> BotEngine.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("retriever");
        assertThatThrownBy(() -> BotEngine.builder().retriever(retriever).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("articles");
        assertThatThrownBy(() -> BotEngine.builder().retriever(retriever).articles(Fixtures.lookup()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("settings");
        assertThatThrownBy(() -> BotEngine.builder().retriever(retriever).articles(Fixtures.lookup())
                .settings(BotSettings.defaults()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> BotEngine.builder().languages(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("languages");
        assertThatThrownBy(() -> BotEngine.builder().languages(new HashMap<>(Collections.singletonMap("en", null))))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'en'");
    }

    @Test
    void aTurnsListsCannotBeChanged() {
        BotTurn turn = say(fresh(), "Versand");

        assertThatThrownBy(() -> turn.messages().add(turn.messages().getFirst()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> turn.state().offeredArticleIds().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(turn.messages().getFirst().quickReplies()).isInstanceOf(List.class);
    }
}
