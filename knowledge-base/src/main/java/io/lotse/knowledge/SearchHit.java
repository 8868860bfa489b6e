package io.lotse.knowledge;

/**
 * One article found for a query, with the fused score that ranked it and the signals behind it.
 *
 * <p>{@code score} ranks the hits of one query and is not comparable across queries or knowledge
 * bases; a confidence is to be calibrated from the signals. {@code coverage} is the share, 0..1, of
 * the query's significant words that the article matched. {@code matchedText} is the title or
 * example question that matched best (by embedding when there is one, else by shared words), for
 * explanations.
 *
 * <p>The signals: {@code bm25} is the article's raw BM25 score (0 when no query word matched;
 * unbounded); {@code cosine} the highest cosine similarity, -1..1, between the query and the
 * article's title or an example question; {@code probability} the probability, 0..1, that the
 * classifier trained on the example questions of the article's language gives it. Either of the
 * last two is {@code NaN} when the retriever did not compute it (embeddings off, or a hit made with
 * the four-argument constructor); {@code probability} is 0 for an article published after the
 * classifier was last trained, which happens again a few seconds later.
 */
public record SearchHit(
        Article article, double score, double coverage, String matchedText, double bm25, double cosine, double probability) {

    /** A hit with a score and coverage only: BM25 is the score, the embedding signals are {@code NaN}. */
    public SearchHit(Article article, double score, double coverage, String matchedText) {
        this(article, score, coverage, matchedText, score, Double.NaN, Double.NaN);
    }

    /** Whether {@code cosine} and {@code probability} were computed. */
    public boolean hasEmbeddingSignals() {
        return !Double.isNaN(cosine) && !Double.isNaN(probability);
    }
}
