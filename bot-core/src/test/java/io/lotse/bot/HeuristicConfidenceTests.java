package io.lotse.bot;

import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeuristicConfidenceTests {

    private static final double[] SCORES = {0, 0.5, 1, 2, 3, 5, 8, 12, 20, 40, 100, 1e6};
    private static final double[] SHARES = {0, 0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1};

    @Test
    void staysWithinZeroAndOne() {
        for (double score : SCORES) {
            for (double coverage : SHARES) {
                for (double lead : SHARES) {
                    assertThat(HeuristicConfidence.confidence(score, coverage, lead)).isBetween(0.0, 1.0);
                }
            }
        }
        assertThat(HeuristicConfidence.confidence(Double.NaN, -3, 7)).isBetween(0.0, 1.0);
        assertThat(HeuristicConfidence.confidence(Double.POSITIVE_INFINITY, 2, Double.NaN)).isBetween(0.0, 1.0);
    }

    @Test
    void risesWithScore() {
        for (double coverage : SHARES) {
            for (double lead : SHARES) {
                double previous = -1;
                for (double score : SCORES) {
                    double confidence = HeuristicConfidence.confidence(score, coverage, lead);
                    assertThat(confidence).isGreaterThanOrEqualTo(previous);
                    previous = confidence;
                }
            }
        }
    }

    @Test
    void risesWithCoverage() {
        for (double score : SCORES) {
            for (double lead : SHARES) {
                double previous = -1;
                for (double coverage : SHARES) {
                    double confidence = HeuristicConfidence.confidence(score, coverage, lead);
                    assertThat(confidence).isGreaterThan(previous);
                    previous = confidence;
                }
            }
        }
    }

    @Test
    void risesWithTheLeadOverTheNextHit() {
        double neckAndNeck = HeuristicConfidence.confidence(8, 1, 0.02);
        double wellAhead = HeuristicConfidence.confidence(8, 1, 0.6);

        assertThat(wellAhead).isGreaterThan(neckAndNeck);
    }

    @Test
    void onlyTheTopHitHasALead() {
        var model = new HeuristicConfidence();

        double[] confidences = model.confidences(List.of(
                hit(Fixtures.VERSAND, 10, 1), hit(Fixtures.VERSANDKOSTEN, 5, 1)));

        assertThat(confidences[0]).isEqualTo(HeuristicConfidence.confidence(10, 1, 0.5));
        assertThat(confidences[1]).isEqualTo(HeuristicConfidence.confidence(5, 1, 0));
    }

    @Test
    void aHitRaisedAboveTheOthersGainsWithinTheRanking() {
        var model = new HeuristicConfidence();
        double before = model.confidences(List.of(hit(Fixtures.VERSAND, 6, 1), hit(Fixtures.VERSANDKOSTEN, 6, 1)))[0];
        double after = model.confidences(List.of(hit(Fixtures.VERSAND, 9, 1), hit(Fixtures.VERSANDKOSTEN, 6, 1)))[0];

        assertThat(after).isGreaterThan(before);
    }

    @Test
    void referencePointsOfTheJavadoc() {
        assertThat(HeuristicConfidence.confidence(10, 1, 0.7)).isCloseTo(0.93, org.assertj.core.data.Offset.offset(0.01));
        assertThat(HeuristicConfidence.confidence(6, 1, 0.08)).isCloseTo(0.80, org.assertj.core.data.Offset.offset(0.01));
        assertThat(HeuristicConfidence.confidence(5.5, 1, 0)).isCloseTo(0.77, org.assertj.core.data.Offset.offset(0.01));
        assertThat(HeuristicConfidence.confidence(4, 0.5, 0.3)).isCloseTo(0.26, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void noHitsNoConfidences() {
        assertThat(new HeuristicConfidence().confidences(List.of())).isEmpty();
    }
}
