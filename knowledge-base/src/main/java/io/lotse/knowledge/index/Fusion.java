package io.lotse.knowledge.index;

import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.analysis.AnalyzedText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Collects the signals each candidate article got for one query in one language and ranks the
 * candidates by their fused score (see {@link FusionWeights}).
 *
 * <p>Not thread-safe: one instance per query.
 */
final class Fusion {

    /** One article's signals; {@code NaN} for a signal not computed. */
    static final class Candidate {

        final IndexedArticle indexed;
        double bm25;
        double cosine = Double.NaN;
        int nearestPhrase = -1;
        double probability = Double.NaN;

        Candidate(IndexedArticle indexed) {
            this.indexed = indexed;
        }

        /** Keeps the higher of the cosine known so far and this one. */
        void nearer(double candidateCosine, int phrase) {
            if (Double.isNaN(cosine) || candidateCosine > cosine) {
                cosine = candidateCosine;
                nearestPhrase = phrase;
            }
        }
    }

    /** A candidate's fused score; with {@code exact} false, an upper bound from the cosine bound. */
    private record Ranked(Candidate candidate, double score, double coverage, boolean exact) {}

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble(Ranked::score).reversed()
            .thenComparing(Comparator.comparingDouble((Ranked each) -> each.candidate().bm25).reversed())
            .thenComparing(each -> each.candidate().indexed.article().id());

    private final Map<String, Candidate> candidates = new LinkedHashMap<>();
    private final float[] vector;
    private double cosineBound = Double.NaN;

    /** @param vector the query's unit vector; {@code null} without embeddings */
    Fusion(float[] vector) {
        this.vector = vector;
    }

    /**
     * No candidate without a cosine yet has a cosine above this (the lowest of the nearest
     * vectors found): its exact cosine is computed only if it might be among the hits.
     */
    void cosineBound(double bound) {
        cosineBound = bound;
    }

    /** The candidate for an article, added on first mention. */
    Candidate candidate(IndexedArticle indexed) {
        return candidates.computeIfAbsent(indexed.article().id(), id -> new Candidate(indexed));
    }

    Candidate get(String id) {
        return candidates.get(id);
    }

    Collection<Candidate> candidates() {
        return candidates.values();
    }

    /**
     * The hits, best first: the candidates a query word matched or whose cosine reaches the
     * language's minimum, by fused score, then BM25, then id (so equal scores rank the same way
     * every time).
     *
     * <p>Comparing a query with every example question of an article costs a dot product per
     * question, so a candidate not among the nearest vectors is first ranked by an upper bound of
     * its score and its exact cosine computed only when that bound reaches the top; the ranking is
     * the same as with every cosine computed.
     */
    List<SearchHit> rank(AnalyzedText query, FusionWeights weights, int limit) {
        double topBm25 = 0;
        for (Candidate candidate : candidates.values()) {
            topBm25 = Math.max(topBm25, candidate.bm25);
        }
        PriorityQueue<Ranked> queue = new PriorityQueue<>(Math.max(1, candidates.size()), BEST_FIRST);
        for (Candidate candidate : candidates.values()) {
            boolean exact = vector == null || !Double.isNaN(candidate.cosine);
            Ranked ranked = score(candidate, query.coverage(candidate.indexed.terms()), topBm25, weights, exact);
            if (!exact || isHit(candidate, weights)) {
                queue.add(ranked);
            }
        }
        List<SearchHit> hits = new ArrayList<>(Math.min(limit, candidates.size()));
        while (hits.size() < limit && !queue.isEmpty()) {
            Ranked best = queue.poll();
            Candidate candidate = best.candidate();
            if (!best.exact()) {
                IndexedArticle.Nearest nearest = candidate.indexed.nearest(vector);
                if (nearest.phrase() >= 0) {
                    candidate.nearer(nearest.cosine(), nearest.phrase());
                }
                if (isHit(candidate, weights)) {
                    queue.add(score(candidate, best.coverage(), topBm25, weights, true));
                }
                continue;
            }
            hits.add(hit(candidate, best, query));
        }
        return hits;
    }

    private Ranked score(Candidate candidate, double coverage, double topBm25, FusionWeights weights, boolean exact) {
        double cosine = exact ? orZero(candidate.cosine) : Math.max(0, orZero(cosineBound));
        double score = weights.bm25() * (topBm25 > 0 ? candidate.bm25 / topBm25 : 0)
                + weights.coverage() * coverage
                + weights.cosine() * cosine
                + weights.probability() * orZero(candidate.probability);
        return new Ranked(candidate, score, coverage, exact);
    }

    private static boolean isHit(Candidate candidate, FusionWeights weights) {
        return candidate.bm25 > 0 || candidate.cosine >= weights.minCosine();
    }

    private static SearchHit hit(Candidate candidate, Ranked ranked, AnalyzedText query) {
        IndexedArticle indexed = candidate.indexed;
        String matched = candidate.nearestPhrase >= 0
                ? indexed.phrases().get(candidate.nearestPhrase).text()
                : indexed.bestMatch(query);
        return new SearchHit(indexed.article(), ranked.score(), ranked.coverage(), matched, candidate.bm25, candidate.cosine,
                candidate.probability);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
