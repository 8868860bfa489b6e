package io.lotse.bot.calibration;

import static io.lotse.bot.Fixtures.SHIPPING;
import static io.lotse.bot.Fixtures.SHIPPING_COST;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.Fixtures;
import io.lotse.knowledge.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratedConfidenceTests {

    private static final CalibratedConfidence MODEL = CalibratedConfidence.defaults();
    private static final double[] SHARES = {0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1};

    private static double alone(double probability, double cosine) {
        return MODEL.confidences(List.of(hit(SHIPPING, probability, cosine, 1, 5)))[0];
    }

    @Test
    void staysStrictlyWithinZeroAndOne() {
        for (double probability : SHARES) {
            for (double cosine : new double[] {-1, 0, 0.5, 0.8, 1}) {
                assertThat(alone(probability, cosine)).isStrictlyBetween(0.0, 1.0);
            }
        }
        SearchHit odd = new SearchHit(SHIPPING, 1, 7, "x", Double.POSITIVE_INFINITY, 3, -2);
        assertThat(MODEL.confidences(List.of(odd))[0]).isBetween(0.0, 1.0);
    }

    @Test
    void risesWithTheClassifiersProbabilityAndWithTheCosine() {
        for (double cosine : new double[] {0.6, 0.8, 0.95}) {
            double previous = 0;
            for (double probability : SHARES) {
                assertThat(alone(probability, cosine)).isGreaterThanOrEqualTo(previous);
                previous = alone(probability, cosine);
            }
        }
        assertThat(alone(0.8, 0.9)).isGreaterThan(alone(0.8, 0.7));
    }

    @Test
    void aStrongHitWellAheadIsLikelyRightAndAWeakOneIsNot() {
        assertThat(alone(0.95, 0.92)).isGreaterThan(0.9);
        assertThat(alone(0.1, 0.6)).isLessThan(0.05);
    }

    @Test
    void onlyTheTopHitHasALead() {
        double[] confidences = MODEL.confidences(List.of(hit(SHIPPING, 0.7, 0.85, 1, 6), hit(SHIPPING_COST, 0.2, 0.85, 1, 6)));

        assertThat(confidences[0]).isGreaterThan(confidences[1]);
    }

    @Test
    void hitsWithoutEmbeddingSignalsUseTheLexicalModel() {
        List<SearchHit> lexical = List.of(Fixtures.hit(SHIPPING, 9, 1.0), Fixtures.hit(SHIPPING_COST, 3, 0.5));
        double[] expected = {
            MODEL.lexical().probability(HitFeatures.lexical(lexical)[0]),
            MODEL.lexical().probability(HitFeatures.lexical(lexical)[1])
        };

        assertThat(MODEL.confidences(lexical)).containsExactly(expected);
        assertThat(expected[0]).isGreaterThan(expected[1]);
    }

    @Test
    void oneHitWithoutEmbeddingSignalsMakesTheWholeQueryLexical() {
        List<SearchHit> mixed = List.of(hit(SHIPPING, 0.9, 0.9, 1, 9), Fixtures.hit(SHIPPING_COST, 3, 0.5));

        assertThat(MODEL.confidences(mixed)[0]).isEqualTo(MODEL.lexical().probability(HitFeatures.lexical(mixed)[0]));
    }

    @Test
    void noHitsNoConfidences() {
        assertThat(MODEL.confidences(List.of())).isEmpty();
    }

    @Test
    void describesItsFormula() {
        assertThat(MODEL.toString()).contains("logOdds", "cosine", "lead", "coverage", "bm25Share", "strength", "bm25Lead");
    }
}
