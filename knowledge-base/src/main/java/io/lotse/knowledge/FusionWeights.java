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
     * English with the packaged (English) models: the trained head is the strongest single signal
     * (CLINC150 validation), BM25 and coverage break its near ties and matter more when articles
     * have few example questions (the sample knowledge base with questions held out).
     */
    public static final FusionWeights ENGLISH = new FusionWeights(0.4, 0.3, 0.2, 1.0, 0.65);

    /**
     * Every other language with the packaged English models, which understand German only in part:
     * BM25 leads and the head helps (German sample articles with questions held out: BM25 alone
     * 74 %, these weights 76 %; the German paraphrase set: 71 % and 76 %). Other weights were
     * within a question or two of these on both sets. An article needs a very close vector to be
     * found by embeddings alone. An operator with a multilingual model may move weight to the head.
     */
    public static final FusionWeights OTHER = new FusionWeights(1.0, 0.3, 0.2, 0.4, 0.8);

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

    /** The defaults for a language with the default model. */
    public static FusionWeights defaultFor(String locale) {
        return defaultFor(locale, EmbeddingSettings.DEFAULT_MODEL);
    }

    /**
     * The defaults for a language and model: the weights above, with the least cosine for a hit
     * by embeddings alone set to the model's scale. bge's cosines of unrelated texts lie around 0.5
     * and of paraphrases above 0.75; MiniLM's around 0.15 and above 0.5. For a model on disk the
     * scale is unknown, and 0.5 is a guess to be set by the operator.
     */
    public static FusionWeights defaultFor(String locale, EmbeddingSettings.Model model) {
        if (model == EmbeddingSettings.Model.NONE) {
            return LEXICAL;
        }
        boolean english = Language.EN.tag().equals(locale);
        FusionWeights weights = english ? ENGLISH : OTHER;
        double minCosine = switch (model) {
            case NONE -> LEXICAL.minCosine(); // not reached
            case BGE_SMALL_EN_V15_Q, BGE_SMALL_EN_V15 -> english ? 0.65 : 0.8;
            case ALL_MINILM_L6_V2_Q, ALL_MINILM_L6_V2 -> english ? 0.4 : 0.6;
            case ONNX_FILES -> 0.5;
        };
        return weights.withMinCosine(minCosine);
    }

    /** These weights with another least cosine for hits by embeddings alone. */
    public FusionWeights withMinCosine(double value) {
        return new FusionWeights(bm25, coverage, cosine, probability, value);
    }

    private static void requireWeight(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, not " + value);
        }
    }
}
