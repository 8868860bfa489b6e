package io.lotse.bot;

import io.lotse.knowledge.SearchHit;
import java.util.List;

/**
 * A hand-set logistic confidence from three features of a hit: the engine's model when it is built
 * without a {@link ConfidenceModel}. {@link CalibratedConfidence} fits the same form on labelled questions.
 *
 * <pre>
 *   strength   = score / (score + {@value #HALF_STRENGTH_SCORE})          BM25 score squashed to 0..1
 *   lead       = (score − best other score) / score, at least 0       1 for a lone hit, 0 unless ahead
 *   confidence = 1 / (1 + e^−z),  z = {@value #BIAS} + {@value #COVERAGE_WEIGHT}·coverage
 *                                    + {@value #STRENGTH_WEIGHT}·strength + {@value #LEAD_WEIGHT}·lead
 * </pre>
 *
 * <p>The score is the hit's raw BM25 score ({@link SearchHit#bm25()}): a hybrid retriever's fused
 * score is relative to the query's best and says nothing on its own.
 *
 * <p>Coverage (the share of the message's terms the article matched) weighs most: an article that
 * matches only half of what was asked rarely answers it, however high its BM25 score. The lead
 * rewards a hit that stands out from the rest; only the top hit can have one. Every weight is
 * positive, so the confidence rises with score and with coverage, and stays strictly inside 0..1.
 * Some reference points: a full match well ahead (coverage 1, score 10, lead 0.7) ≈ 0.93; two full
 * matches neck and neck (scores 6 and 5.5) ≈ 0.80 and 0.77; half a match (coverage 0.5, score 4,
 * lead 0.3) ≈ 0.26. The weights are the form a logistic regression on the same features would
 * learn, which is what issue #3 is expected to fit.
 */
final class HeuristicConfidence implements ConfidenceModel {

    static final double HALF_STRENGTH_SCORE = 6.0;
    static final double BIAS = -5.0;
    static final double COVERAGE_WEIGHT = 5.0;
    static final double STRENGTH_WEIGHT = 2.5;
    static final double LEAD_WEIGHT = 1.5;

    @Override
    public double[] confidences(List<SearchHit> hits) {
        double[] confidences = new double[hits.size()];
        int best = -1;
        double bestScore = 0;
        double secondScore = 0;
        for (int i = 0; i < hits.size(); i++) {
            double score = sane(hits.get(i).bm25());
            if (best < 0 || score > bestScore) {
                secondScore = best < 0 ? 0 : bestScore;
                best = i;
                bestScore = score;
            } else if (score > secondScore) {
                secondScore = score;
            }
        }
        for (int i = 0; i < hits.size(); i++) {
            double score = sane(hits.get(i).bm25());
            double bestOther = i == best ? secondScore : bestScore;
            double lead = hits.size() == 1 ? 1.0 : score > 0 ? Math.max(0, score - bestOther) / score : 0.0;
            confidences[i] = confidence(score, hits.get(i).coverage(), lead);
        }
        return confidences;
    }

    /**
     * The confidence for one hit.
     *
     * @param score the raw BM25 score, at least 0 (negative and NaN count as 0)
     * @param coverage 0..1 (clamped)
     * @param lead 0..1 (clamped): how far the hit's score lies ahead of the best other hit's, relative to its own
     */
    static double confidence(double score, double coverage, double lead) {
        double s = sane(score);
        double strength = Double.isInfinite(s) ? 1.0 : s / (s + HALF_STRENGTH_SCORE);
        double z = BIAS
                + COVERAGE_WEIGHT * clamp(coverage)
                + STRENGTH_WEIGHT * strength
                + LEAD_WEIGHT * clamp(lead);
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static double sane(double score) {
        return Double.isNaN(score) || score < 0 ? 0 : score;
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}
