package io.lotse.bot.decision;

import static io.lotse.bot.Fixtures.RUECKSENDUNG;
import static io.lotse.bot.Fixtures.SHIPPING;
import static io.lotse.bot.Fixtures.VERSAND;
import static io.lotse.bot.Fixtures.VERSANDKOSTEN;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.BotSettings;
import io.lotse.bot.Candidate;
import io.lotse.bot.Fixtures;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bands, decided on confidences given by hand: the model below takes a hit's score as its
 * confidence, so each test states the confidences it is about.
 */
class DeciderTests {

    private static final ConfidenceModel SCORE_IS_CONFIDENCE =
            hits -> hits.stream().mapToDouble(SearchHit::score).toArray();

    private final Decider decider = new Decider(BotSettings.defaults(), SCORE_IS_CONFIDENCE);

    private static List<String> ids(Decider.Outcome outcome) {
        return outcome.articles().stream().map(Article::id).toList();
    }

    @Test
    void aConfidentTopArticleWellAheadIsAnswered() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.70, 1), hit(VERSANDKOSTEN, 0.59, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.ANSWER);
        assertThat(ids(outcome)).containsExactly("versand-dauer");
        assertThat(outcome.confidences()).containsExactly(0.70);
        assertThat(outcome.decision().reason()).isEqualTo("top article 0.70 above answer threshold 0.55, next 0.59");
    }

    @Test
    void exactlyTheAnswerThresholdIsEnough() {
        assertThat(decider.decide(List.of(hit(VERSAND, 0.55, 1))).band()).isEqualTo(Decision.ANSWER);
        assertThat(decider.decide(List.of(hit(VERSAND, 0.5499, 1))).band()).as("offered, not answered").isEqualTo(Decision.CLARIFY);
    }

    @Test
    void aCloseSecondMakesTheBotAskEvenAboveTheAnswerThreshold() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.90, 1), hit(VERSANDKOSTEN, 0.85, 1),
                hit(RUECKSENDUNG, 0.70, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(outcome)).containsExactly("versand-dauer", "versandkosten");
        assertThat(outcome.decision().reason()).isEqualTo("2 articles from 0.85 to 0.90 within clarify margin 0.10");
        assertThat(outcome.decision().candidates()).hasSize(3);
    }

    @Test
    void twoCloseArticlesBetweenTheThresholdsAreOffered() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.50, 1), hit(VERSANDKOSTEN, 0.42, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(outcome)).containsExactly("versand-dauer", "versandkosten");
    }

    @Test
    void aClarifyingQuestionNamesAtMostThreeArticles() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.80, 1), hit(VERSANDKOSTEN, 0.79, 1),
                hit(RUECKSENDUNG, 0.78, 1), hit(SHIPPING, 0.77, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(outcome)).containsExactly("versand-dauer", "versandkosten", "ruecksendung");
        assertThat(outcome.decision().candidates()).hasSize(4);
    }

    @Test
    void aCloseArticleBelowTheClarifyThresholdIsNotOffered() {
        Decider strict = new Decider(new BotSettings(0.55, 0.50, 0.10, 2, 5), SCORE_IS_CONFIDENCE);

        Decider.Outcome answered = strict.decide(List.of(hit(VERSAND, 0.56, 1), hit(VERSANDKOSTEN, 0.48, 1)));
        Decider.Outcome notAnswered = strict.decide(List.of(hit(VERSAND, 0.53, 1), hit(VERSANDKOSTEN, 0.48, 1)));

        assertThat(answered.band()).isEqualTo(Decision.ANSWER);
        assertThat(notAnswered.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(notAnswered)).as("the close one is below the clarify threshold, but still among the likeliest")
                .containsExactly("versand-dauer", "versandkosten");
        assertThat(notAnswered.decision().reason())
                .isEqualTo("top article 0.53 below answer threshold 0.55; the likeliest 2 together 1.00, at or above clarify threshold 0.50");
    }

    @Test
    void aLoneArticleBetweenTheThresholdsIsOfferedWithTheNextLikeliestNotAnswered() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.50, 1), hit(VERSANDKOSTEN, 0.30, 1),
                hit(RUECKSENDUNG, 0.01, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(outcome)).as("the third is below the floor of " + Decider.OFFER_FLOOR)
                .containsExactly("versand-dauer", "versandkosten");
        assertThat(outcome.decision().reason())
                .isEqualTo("top article 0.50 below answer threshold 0.55; the likeliest 2 together 0.80, at or above clarify threshold 0.40");
        assertThat(outcome.decision().candidates()).hasSize(3);
    }

    @Test
    void weakArticlesTogetherLikelyToHoldTheRightOneAreOfferedButNotAlone() {
        Decider.Outcome together = decider.decide(List.of(hit(VERSAND, 0.39, 1), hit(VERSANDKOSTEN, 0.38, 1)));
        Decider.Outcome alone = decider.decide(List.of(hit(VERSAND, 0.30, 1), hit(VERSANDKOSTEN, 0.05, 1),
                hit(RUECKSENDUNG, 0.01, 1)));

        assertThat(together.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(together)).containsExactly("versand-dauer", "versandkosten");
        assertThat(alone.band()).isEqualTo(Decision.ESCALATE);
        assertThat(alone.decision().reason())
                .isEqualTo("top article 0.30 below answer threshold 0.55; the likeliest 2 together 0.35, below clarify threshold 0.40");
    }

    @Test
    void nothingFound() {
        Decider.Outcome outcome = decider.decide(List.of());

        assertThat(outcome.band()).isEqualTo(Decision.ESCALATE);
        assertThat(outcome.decision().reason()).isEqualTo("no article found");
        assertThat(outcome.decision().candidates()).isEmpty();
    }

    @Test
    void candidatesAreOrderedByConfidenceAndTiesKeepTheRetrieversOrder() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 0.20, 1), hit(VERSANDKOSTEN, 0.60, 1),
                hit(RUECKSENDUNG, 0.20, 1)));

        assertThat(outcome.decision().candidates()).extracting(Candidate::articleId)
                .containsExactly("versandkosten", "versand-dauer", "ruecksendung");
        assertThat(outcome.band()).isEqualTo(Decision.ANSWER);
        assertThat(ids(outcome)).containsExactly("versandkosten");
    }

    @Test
    void confidencesOutsideZeroToOneAreClamped() {
        Decider.Outcome outcome = decider.decide(List.of(hit(VERSAND, 7, 1), hit(VERSANDKOSTEN, Double.NaN, 1),
                hit(RUECKSENDUNG, -2, 1)));

        assertThat(outcome.decision().candidates()).extracting(Candidate::confidence).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void aCandidateKeepsTheRetrieversScoreAndCoverage() {
        Decider.Outcome outcome = decider.decide(List.of(new SearchHit(VERSAND, 0.7, 0.25, "Lieferzeit")));

        assertThat(outcome.decision().candidates()).containsExactly(
                new Candidate("versand-dauer", VERSAND.title(), 0.7, 0.25, 0.7));
    }

    // --- with confidences from score and coverage: the default thresholds mean something ---------------

    private final Decider withCoverage = new Decider(BotSettings.defaults(), Fixtures.BY_COVERAGE);

    @Test
    void aFullMatchWellAheadIsAnswered() {
        assertThat(withCoverage.decide(List.of(hit(VERSAND, 10, 1.0), hit(VERSANDKOSTEN, 3, 0.5))).band())
                .isEqualTo(Decision.ANSWER);
        assertThat(withCoverage.decide(List.of(hit(VERSAND, 4, 1.0))).band()).isEqualTo(Decision.ANSWER);
    }

    @Test
    void twoFullMatchesNeckAndNeckAreClarified() {
        assertThat(withCoverage.decide(List.of(hit(VERSAND, 6, 1.0), hit(VERSANDKOSTEN, 5.5, 1.0))).band())
                .isEqualTo(Decision.CLARIFY);
    }

    @Test
    void aHighScoreThatMatchesLittleOfTheQuestionIsNotAnswered() {
        assertThat(withCoverage.decide(List.of(hit(VERSAND, 40, 0.25), hit(VERSANDKOSTEN, 10, 0.25))).band())
                .as("not answered; together likely enough to be offered").isEqualTo(Decision.CLARIFY);
        assertThat(withCoverage.decide(List.of(hit(VERSAND, 4, 0.5))).band()).as("offered, not answered")
                .isEqualTo(Decision.CLARIFY);
    }

    private static Article tagged(Article article, String tag) {
        return new Article(article.id(), article.locale(), article.title(), article.questions(), List.of(tag),
                article.category(), article.type(), article.body());
    }

    @Test
    void anEditorsClarifyTagTurnsAConfidentAnswerIntoAQuestion() {
        Decider.Outcome outcome = decider.decide(List.of(hit(tagged(VERSAND, "band:clarify"), 0.95, 1), hit(VERSANDKOSTEN, 0.30, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.CLARIFY);
        assertThat(ids(outcome)).containsExactly("versand-dauer");
        assertThat(outcome.decision().reason()).contains("band:clarify");
    }

    @Test
    void anEditorsEscalateTagHandsTheQuestionToAPerson() {
        Decider.Outcome outcome = decider.decide(List.of(hit(tagged(VERSAND, "band:escalate"), 0.95, 1)));

        assertThat(outcome.band()).isEqualTo(Decision.ESCALATE);
        assertThat(outcome.articles()).isEmpty();
        assertThat(outcome.decision().reason()).contains("band:escalate");
    }

    @Test
    void untaggedArticlesAreAnsweredAsBefore() {
        assertThat(decider.decide(List.of(hit(tagged(VERSAND, "versand"), 0.95, 1))).band()).isEqualTo(Decision.ANSWER);
    }
}
