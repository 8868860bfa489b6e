package io.lotse.bot.calibration;

import io.lotse.knowledge.SearchHit;
import java.util.List;

/**
 * The numbers a calibrated confidence is computed from, for each hit of one query: the hit's own
 * signals and how it stands against the other hits of the same query.
 *
 * <p>Semantic features, for hits with embedding signals:
 * <ol>
 *   <li>{@code logOdds}: the classifier's probability as log-odds, clipped to ±{@value #MAX_LOG_ODDS};</li>
 *   <li>{@code cosine}: the best cosine between the query and the article's title or example questions;</li>
 *   <li>{@code lead}: the probability minus the best other hit's (negative for all but the top hit);</li>
 *   <li>{@code coverage}: the share of the query's words the article contains;</li>
 *   <li>{@code bm25Share}: the BM25 score relative to the query's best.</li>
 * </ol>
 * Lexical features, for hits without (BM25 alone): {@code coverage}, {@code strength} (BM25 squashed
 * to 0..1 as {@code bm25 / (bm25 + 6)}) and {@code bm25Lead} (how far its BM25 score lies ahead of
 * the best other hit's, relative to its own; 1 for a lone hit) and {@code first} (1 for the
 * retriever's top hit, else 0: where the confidence rests on the words, as for German with the
 * English embedding models, the fused ranking still counts through it). A signal that is
 * {@code NaN} counts as 0. Stateless.
 */
final class HitFeatures {

    static final List<String> SEMANTIC = List.of("logOdds", "cosine", "lead", "coverage", "bm25Share");
    static final List<String> LEXICAL = List.of("coverage", "strength", "bm25Lead", "first");
    static final double MAX_LOG_ODDS = 9.0;
    static final double HALF_STRENGTH_BM25 = 6.0;

    private HitFeatures() {}

    /** One row of {@link #SEMANTIC} features per hit, in the hits' order. */
    static double[][] semantic(List<SearchHit> hits) {
        int n = hits.size();
        double[] probabilities = new double[n];
        double topBm25 = 0;
        for (int i = 0; i < n; i++) {
            probabilities[i] = unit(hits.get(i).probability());
            topBm25 = Math.max(topBm25, bm25(hits.get(i)));
        }
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            SearchHit hit = hits.get(i);
            features[i] = new double[] {
                logOdds(probabilities[i]),
                Double.isNaN(hit.cosine()) ? 0 : Math.max(-1, Math.min(1, hit.cosine())),
                probabilities[i] - bestOther(probabilities, i),
                unit(hit.coverage()),
                topBm25 > 0 ? bm25(hit) / topBm25 : 0
            };
        }
        return features;
    }

    /** One row of {@link #LEXICAL} features per hit, in the hits' order. */
    static double[][] lexical(List<SearchHit> hits) {
        int n = hits.size();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = bm25(hits.get(i));
        }
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            double score = scores[i];
            double strength = score / (score + HALF_STRENGTH_BM25);
            double lead = n == 1 ? 1 : score > 0 ? Math.max(0, score - bestOther(scores, i)) / score : 0;
            features[i] = new double[] {unit(hits.get(i).coverage()), strength, lead, i == 0 ? 1 : 0};
        }
        return features;
    }

    static double logOdds(double probability) {
        double limit = 1 / (1 + Math.exp(MAX_LOG_ODDS));
        double p = Math.max(limit, Math.min(1 - limit, probability));
        return Math.log(p / (1 - p));
    }

    private static double bestOther(double[] values, int except) {
        double best = 0;
        for (int j = 0; j < values.length; j++) {
            if (j != except) {
                best = Math.max(best, values[j]);
            }
        }
        return best;
    }

    /** The raw BM25 score, 0 when negative or {@code NaN}, the largest double instead of infinity. */
    private static double bm25(SearchHit hit) {
        double score = hit.bm25();
        return Double.isNaN(score) || score < 0 ? 0 : Math.min(score, Double.MAX_VALUE);
    }

    private static double unit(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}
