package io.lotse.evaluation;

import io.lotse.bot.Candidate;
import java.util.List;
import java.util.Locale;

/**
 * How often the engine ranked an in-scope question's own article first, or among its first
 * {@value #TOP}, whatever it then decided: what the search finds, apart from the thresholds. The
 * share ranked first bounds the in-scope accuracy any answer threshold could reach; where the two
 * lie far apart, the confidence holds answers back, and where the share itself is low, the articles
 * need other example questions. A question the bot took for something it handles itself without
 * searching (the wish for a person, frustration) or with its own reply (small talk that no article
 * answers with confidence) counts as not ranked. Not thread-safe.
 */
final class Ranking {

    static final int TOP = 3;

    private int inScope;
    private int first;
    private int amongTop;

    /** One question: the article expected ({@code null}: out of scope, not counted) and the engine's candidates, best first. */
    void add(String expected, List<Candidate> candidates) {
        if (expected == null) {
            return;
        }
        inScope++;
        for (int i = 0; i < Math.min(TOP, candidates.size()); i++) {
            if (expected.equals(candidates.get(i).articleId())) {
                amongTop++;
                if (i == 0) {
                    first++;
                }
                return;
            }
        }
    }

    String line() {
        return String.format(Locale.ROOT, "ranking: own article first for %s of in-scope questions, among the first %d for %s",
                share(first), TOP, share(amongTop));
    }

    private String share(int count) {
        return inScope == 0 ? "na" : String.format(Locale.ROOT, "%.4f", (double) count / inScope);
    }
}
