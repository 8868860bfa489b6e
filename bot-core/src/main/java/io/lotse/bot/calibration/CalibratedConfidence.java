package io.lotse.bot.calibration;

import io.lotse.bot.decision.ConfidenceModel;
import io.lotse.knowledge.SearchHit;
import java.util.List;

/**
 * The probability that an article answers the message, from the retriever's signals through a
 * logistic model fitted on labelled questions the index was not built from (see {@link Calibration}).
 *
 * <pre>
 *   confidence = 1 / (1 + e^−z),  z = intercept + Σ weight_k · feature_k
 * </pre>
 * <p>Hits with embedding signals use the semantic features of {@code HitFeatures} (the classifier's
 * probability as log-odds, the best cosine, the probability's lead over the best other hit, the
 * share of query words matched, BM25 relative to the query's best); hits without (embeddings off)
 * use its lexical ones with a model of their own, fitted on the same questions. Both mean the same:
 * the share of answers that are right among questions given this confidence, when half of the
 * questions asked have no article (see {@link Calibration} for why half). So 0.8 means the same on
 * every knowledge base, and one pair of thresholds serves both.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalibratedConfidence implements ConfidenceModel {

    /**
     * Fitted on CLINC150's validation split (150 intents, 100 example questions each, the 100
     * out-of-scope questions weighted as much as the 3,000 in-scope ones) with the default
     * embedding model; a prior for a knowledge base not calibrated yet.
     */
    private static final CalibratedConfidence DEFAULTS = new CalibratedConfidence(
            new Logistic(-16.914, new double[] {0.372, 16.629, 0.937, 1.272, 1.267}, HitFeatures.SEMANTIC),
            new Logistic(-11.797, new double[] {4.341, 6.601, 0.209, 5.073}, HitFeatures.LEXICAL));

    private final Logistic semantic;
    private final Logistic lexical;
    private final boolean useSemantic;

    CalibratedConfidence(Logistic semantic, Logistic lexical) {
        this(semantic, lexical, true);
    }

    /**
     * @param useSemantic whether hits with embedding signals use the semantic model; {@code false}
     *     where the calibration found that those signals do not tell right from wrong better than the
     *     words do (an embedding model that does not know the knowledge base's language)
     */
    CalibratedConfidence(Logistic semantic, Logistic lexical, boolean useSemantic) {
        if (semantic.names().size() != HitFeatures.SEMANTIC.size() || lexical.names().size() != HitFeatures.LEXICAL.size()) {
            throw new IllegalArgumentException("a semantic and a lexical model are needed");
        }
        this.semantic = semantic;
        this.lexical = lexical;
        this.useSemantic = useSemantic;
    }

    /** The same models, deciding on the lexical one for every hit. */
    CalibratedConfidence lexicalOnly() {
        return new CalibratedConfidence(semantic, lexical, false);
    }

    boolean usesSemantic() {
        return useSemantic;
    }

    /** The model used before a knowledge base is calibrated: fitted once on a public dataset. */
    public static CalibratedConfidence defaults() {
        return DEFAULTS;
    }

    @Override
    public double[] confidences(List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return new double[0];
        }
        boolean semanticSignals = useSemantic && hits.stream().allMatch(SearchHit::hasEmbeddingSignals);
        Logistic model = semanticSignals ? semantic : lexical;
        double[][] features = semanticSignals ? HitFeatures.semantic(hits) : HitFeatures.lexical(hits);
        double[] confidences = new double[hits.size()];
        for (int i = 0; i < features.length; i++) {
            confidences[i] = model.probability(features[i]);
        }
        return confidences;
    }

    Logistic semantic() {
        return semantic;
    }

    Logistic lexical() {
        return lexical;
    }

    /** Both formulas with their fitted numbers, for logs and reports. */
    @Override
    public String toString() {
        return (useSemantic ? "semantic=" + semantic : "semantic=unused") + " lexical=" + lexical;
    }
}
