package io.lotse.knowledge;

/**
 * How one language's search combines its signals into the score that ranks articles.
 *
 * <p>The fused score of an article is {@code bm25 × (its BM25 score / the query's best BM25 score)
 * + coverage × coverage + cosine × its best cosine + probability × the trained head's probability}.
 * The weights need not add up to one; only their ratios matter for the ranking. An article that no
 * query word matched is a hit only when its best cosine reaches {@code minCosine}, so that a
 * query about something the knowledge base does not cover finds nothing rather than the nearest
 * stranger.
 *
 * @param bm25 weight of the BM25 score relative to the query's best
 * @param coverage weight of the share of query words the article contains
 * @param cosine weight of the highest cosine between the query and a title or example question
 * @param probability weight of the probability the trained head gives the article
 * @param minCosine the least cosine, -1..1, for an article found by embeddings alone
 */
public record FusionWeights(double bm25, double coverage, double cosine, double probability, double minCosine) {

    /**
     * English: the packaged models are English, and their trained head is the strongest single
     * signal (CLINC150 validation); BM25 and cosine break its near ties.
     */
    public static final FusionWeights ENGLISH = new FusionWeights(0.2, 0.1, 0.2, 1.0, 0.6);

    /**
     * Every other language: the packaged English models understand German only in part, so the
     * lexical signals carry more weight and an article needs a very close vector to be found by
     * embeddings alone. An operator with a multilingual model may move weight back to the head.
     */
    public static final FusionWeights OTHER = new FusionWeights(0.6, 0.3, 0.2, 0.4, 0.85);

    /** Only the lexical signals, as when embeddings are off. */
    public static final FusionWeights LEXICAL = new FusionWeights(1.0, 0.0, 0.0, 0.0, 2.0);

    public FusionWeights {
        requireWeight("bm25", bm25);
        requireWeight("coverage", coverage);
        requireWeight("cosine", cosine);
        requireWeight("probability", probability);
        if (Double.isNaN(minCosine)) {
            throw new IllegalArgumentException("minCosine must be a number");
        }
        if (bm25 + coverage + cosine + probability <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    /** The defaults for a language when the settings name none. */
    public static FusionWeights defaultFor(String locale) {
        return LocaleAnalyzers.ENGLISH.equals(locale) ? ENGLISH : OTHER;
    }

    private static void requireWeight(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, not " + value);
        }
    }
}
