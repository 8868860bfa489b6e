package io.lotse.bot;

import static io.lotse.bot.Fixtures.VERSAND;
import static io.lotse.bot.Fixtures.VERSANDKOSTEN;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.Fixtures.ScriptedRetriever;
import io.lotse.bot.calibration.CalibratedConfidence;
import io.lotse.bot.decision.Decision;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a customer, a retriever or a stored state brings, the engine answers and never throws. */
class BotEngineRobustnessTests {

    private final ScriptedRetriever retriever = new ScriptedRetriever();
    private final BotEngine engine = BotEngine.builder()
            .retriever(retriever).articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

    static Stream<String> oddTexts() {
        return Stream.of(
                "", " ", "\n\t ", "👍", "🙂🙂🙂", "?!?", "€€€ 123", "\u0000\u0007", "\uD83D", "<script>alert(1)</script>",
                "Ich habe a problem with the Rechnung", "Hallo, my router ist kaputt, please help!",
                "a".repeat(2000), "Wie lange dauert der Versand? ".repeat(80), "ä".repeat(2000) + "ß",
                "so ".repeat(700), "das hilft " + "echt ".repeat(30_000) + "nicht", "x".repeat(200_000),
                "hallo ".repeat(5_000) + "wie lange dauert der Versand", "a'".repeat(50_000), "1. ".repeat(1000));
    }

    static Stream<BotState> states() {
        return Stream.of(
                BotState.initial("de"),
                new BotState("en", 1, null, 0, List.of()),
                new BotState("de", 0, Fixtures.ROUTER.id(), 2, List.of()),
                new BotState("de", 0, "no-such-article", 4, List.of()),
                new BotState("xx", 0, null, 0, List.of("versand-dauer", "versandkosten")),
                BotState.initial(null));
    }

    @ParameterizedTest
    @MethodSource("oddTexts")
    void oddTextGetsAReplyInEveryState(String text) {
        states().forEach(state -> {
            BotTurn turn = engine.respond(state, CustomerInput.typed(text, "de"));

            assertThat(turn.messages()).isNotEmpty();
            assertThat(turn.messages()).allSatisfy(message -> assertThat(message.text()).isNotBlank());
            assertThat(turn.locale()).isIn("de", "en");
            assertThat(turn.state().locale()).isEqualTo(turn.locale());
            assertThat(turn.decision()).isNotNull();
        });
    }

    @Test
    void theRetrieverGetsAtMostTheProtocolsLongestMessage() {
        engine.respond(BotState.initial("de"), CustomerInput.typed("Versand? ".repeat(1000), "de"));
        engine.respond(BotState.initial("de"), CustomerInput.typed("x".repeat(1999) + "😀", "de"));

        assertThat(retriever.calls).extracting(call -> call.query().length())
                .allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(BotEngine.MAX_TEXT_LENGTH));
        assertThat(retriever.calls.getLast().query()).doesNotEndWith("\uD83D");
    }

    @Test
    void missingTextAndLocaleAreTolerated() {
        BotTurn turn = engine.respond(null, new CustomerInput(null, null, null));

        assertThat(turn.locale()).isEqualTo("en");
        assertThat(turn.messages().getFirst().kind()).isEqualTo(BotMessage.SMALLTALK);
    }

    @ParameterizedTest
    @MethodSource("oddPayloads")
    void oddPayloadsAreIgnoredOrHandledAsText(String payload) {
        BotTurn turn = engine.respond(BotState.initial("de"), new CustomerInput("Hallo", payload, "de"));

        assertThat(turn.messages()).singleElement().extracting(BotMessage::kind).isEqualTo(BotMessage.SMALLTALK);
    }

    static Stream<String> oddPayloads() {
        return Stream.of("", " ", "article:", "article:" + "a".repeat(150), "article:Versand-Dauer", "article: ",
                "article:../x", "article:versand dauer", "yes".repeat(100), "human ".repeat(50), "x".repeat(10_000),
                "ARTICLE:versand-dauer", "\u0000");
    }

    @Test
    void payloadsIgnoreCaseAndSurroundingSpace() {
        BotTurn turn = engine.respond(BotState.initial("de"), new CustomerInput("Mensch", " HUMAN ", "de"));

        assertThat(turn.escalation()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
    }

    @Test
    void oddHitsFromARetrieverAreSkippedOrClamped() {
        Article untitled = new Article("ohne-titel", "de", null, null, null, null, null, "Nur Text.");
        List<SearchHit> hits = new ArrayList<>(Arrays.asList(
                null,
                new SearchHit(null, 50, 1, "x"),
                new SearchHit(untitled, Double.NaN, Double.NaN, null),
                new SearchHit(untitled, Double.POSITIVE_INFINITY, 7, null),
                new SearchHit(VERSAND, -3, -1, null)));
        BotEngine odd = BotEngine.builder().retriever((query, locale, limit) -> hits).articles(Fixtures.lookup())
                .settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

        BotTurn turn = odd.respond(BotState.initial("de"), CustomerInput.typed("Frage", "de"));

        assertThat(turn.decision().candidates()).extracting(Candidate::articleId)
                .containsExactly("ohne-titel", "versand-dauer");
        assertThat(turn.decision().candidates()).allSatisfy(
                candidate -> assertThat(candidate.confidence()).isBetween(0.0, 1.0));
        assertThat(turn.messages()).isNotEmpty();
    }

    @Test
    void anUntitledArticleIsNamedByItsId() {
        Article untitled = new Article("ohne-titel", "de", " ", List.of(), List.of(), "x", null, "Nur Text.");
        BotEngine odd = BotEngine.builder().retriever((query, locale, limit) -> List.of(hit(untitled, 12, 1)))
                .articles(Fixtures.lookup()).settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

        BotMessage answer = odd.respond(BotState.initial("de"), CustomerInput.typed("Frage", "de")).messages().getFirst();

        assertThat(answer.kind()).isEqualTo(BotMessage.ANSWER);
        assertThat(answer.articleTitle()).isEqualTo("ohne-titel");
    }

    @Test
    void aRetrieverThatReturnsNullFoundNothing() {
        BotEngine odd = BotEngine.builder().retriever((query, locale, limit) -> null).articles(Fixtures.lookup())
                .settings(BotSettings.defaults()).confidence(CalibratedConfidence.defaults()).build();

        BotTurn turn = odd.respond(BotState.initial("de"), CustomerInput.typed("Frage", "de"));

        assertThat(turn.decision().reason()).isEqualTo("no article found");
    }

    @Test
    void theSameArticleTwiceIsOneCandidate() {
        Retriever twice = (query, locale, limit) -> List.of(hit(VERSAND, 8, 1), hit(VERSAND, 7.9, 1));
        BotEngine odd = BotEngine.builder().retriever(twice).articles(Fixtures.lookup()).settings(BotSettings.defaults())
                .confidence(CalibratedConfidence.defaults()).build();

        BotTurn turn = odd.respond(BotState.initial("de"), CustomerInput.typed("Versand", "de"));

        assertThat(turn.decision().band()).isEqualTo(Decision.ANSWER);
        assertThat(turn.decision().candidates()).singleElement().extracting(Candidate::score).isEqualTo(8.0);
    }

    @Test
    void aFailingArticleLookupIsAnUnknownArticle() {
        Function<String, Optional<Article>> broken = id -> {
            throw new IllegalStateException("store down");
        };
        Function<String, Optional<Article>> nulls = id -> null;
        ScriptedRetriever scripted = new ScriptedRetriever().on("Versandkosten", hit(VERSANDKOSTEN, 12, 1));

        for (Function<String, Optional<Article>> lookup : List.of(broken, nulls)) {
            BotEngine odd = BotEngine.builder().retriever(scripted).articles(lookup).settings(BotSettings.defaults())
                    .confidence(CalibratedConfidence.defaults()).build();
            BotTurn picked = odd.respond(BotState.initial("de"), new CustomerInput("Versandkosten", "article:versandkosten", "de"));
            BotTurn inGuide = odd.respond(new BotState("en", 0, Fixtures.ROUTER.id(), 1, List.of()),
                    new CustomerInput("No", "no", "en"));

            assertThat(picked.messages().getFirst().articleId()).isEqualTo("versandkosten");
            assertThat(inGuide.messages().getFirst().kind()).isEqualTo(BotMessage.NO_ANSWER);
        }
    }
}
