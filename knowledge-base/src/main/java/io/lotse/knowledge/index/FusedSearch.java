package io.lotse.knowledge.index;

import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.analysis.AnalyzedText;
import io.lotse.knowledge.analysis.TypoCorrection;
import io.lotse.knowledge.classifier.ArticleClassifier;
import io.lotse.knowledge.index.ArticleDocuments.Match;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * One search in one language over one consistent state of an index: the BM25 candidates, the
 * articles of the nearest title and question vectors and the head's favourites, fused and ranked
 * by {@link Fusion}.
 *
 * <p>The live index and the held-out evaluation ({@link HeldOutSearch}) run this same code over
 * different states, so that what calibration measures is what customers get.
 */
final class FusedSearch {

    /** Keeps the query well under Lucene's 1024-clause limit (terms × fields). */
    static final int MAX_QUERY_TERMS = 64;
    /** How many BM25 hits become candidates for fusion, however few hits are asked for. */
    private static final int LEXICAL_CANDIDATES = 20;
    /**
     * How many nearest vectors are asked of HNSW: questions of one article cluster, so with k = 10
     * the exact nearest one was missed about one time in ten on a 15,000-question index.
     */
    private static final int NEAREST_VECTORS = 50;
    /** The classifier's most probable articles are candidates even when nothing else found them. */
    private static final int HEAD_CANDIDATES = 3;

    /**
     * What a search reads.
     *
     * @param searcher finds text documents by BM25 and vector documents by HNSW
     * @param articles the indexed article of an id the searcher may return; {@code null} for one
     *     deleted since the searcher was opened
     * @param head the language's trained classifier; {@code null} before its first training or without embeddings
     * @param weights the language's fusion weights
     * @param typos the nearest known words of recent misspellings (see {@link TypoCorrection.Memory})
     */
    record State(IndexSearcher searcher, Function<String, IndexedArticle> articles, ArticleClassifier head, FusionWeights weights,
            TypoCorrection.Memory typos) {}

    private FusedSearch() {}

    /**
     * The hits of one language for a text, best first, without typo correction.
     *
     * @param analyzer the language's analyzer, the same for the whole query
     * @param vector the text's unit vector, asked for only when the text has a significant word;
     *     {@code null} without embeddings
     */
    static List<SearchHit> search(State state, Analyzer analyzer, String text, Supplier<float[]> vector, String locale, int limit) {
        return search(state, analyzer, null, text, vector == null ? null : ignored -> vector.get(), locale, limit);
    }

    /**
     * The hits of one language for a text, best first, with its typos corrected against the
     * searched index first ({@link TypoCorrection}): BM25, the vector and the classifier all read
     * the corrected text, and the corrected words weigh a little less than typed ones. A text
     * without typos is searched exactly as typed.
     *
     * @param analyzer the language's analyzer, the same for the whole query
     * @param written the analyzer of words as written ({@link TypoCorrection#writtenWords()});
     *     {@code null} to search the text as typed
     * @param vector the unit vector of the searched text (as typed or corrected), asked for only
     *     when the text has a significant word; {@code null} without embeddings
     */
    static List<SearchHit> search(State state, Analyzer analyzer, Analyzer written, String text, Function<String, float[]> vector,
            String locale, int limit) {
        String searched = written == null
                ? text
                : TypoCorrection.correct(state.searcher().getIndexReader(), written, analyzer, locale,
                        ArticleDocuments.searchedFields(locale), text, state.typos());
        AnalyzedText query = AnalyzedText.of(analyzer, text, MAX_QUERY_TERMS);
        if (searched != text) {
            query = AnalyzedText.of(analyzer, searched, MAX_QUERY_TERMS).correcting(query);
        }
        if (query.isEmpty()) {
            // No significant word (only stop words, say): nothing to answer, and no embedding spent.
            return List.of();
        }
        float[] queryVector = vector == null ? null : vector.apply(searched);
        Fusion fusion = new Fusion(queryVector);
        try {
            addLexical(fusion, state, query, locale, Math.max(limit, LEXICAL_CANDIDATES));
            if (queryVector != null) {
                addSemantic(fusion, state, queryVector, searched, locale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fusion.rank(query, state.weights(), limit);
    }

    private static void addLexical(Fusion fusion, State state, AnalyzedText query, String locale, int depth) throws IOException {
        IndexSearcher searcher = state.searcher();
        TopDocs top = searcher.search(ArticleDocuments.lexical(query, locale), depth);
        Match[] matches = ArticleDocuments.matches(searcher, top.scoreDocs);
        for (int i = 0; i < matches.length; i++) {
            IndexedArticle hit = matches[i] == null ? null : state.articles().apply(matches[i].id());
            if (hit != null) { // deleted after this searcher was opened
                fusion.candidate(hit).bm25 = top.scoreDocs[i].score;
            }
        }
    }

    /**
     * Adds the articles of the nearest vectors and the classifier's favourites, and gives every
     * candidate its probability; cosines of the others are left to {@link Fusion#rank}.
     */
    private static void addSemantic(Fusion fusion, State state, float[] vector, String text, String locale) throws IOException {
        IndexSearcher searcher = state.searcher();
        TopDocs near = searcher.search(ArticleDocuments.nearest(vector, locale, NEAREST_VECTORS), NEAREST_VECTORS);
        ScoreDoc[] hits = near.scoreDocs;
        Match[] matches = ArticleDocuments.matches(searcher, hits);
        for (int i = 0; i < hits.length; i++) {
            IndexedArticle hit = matches[i] == null ? null : state.articles().apply(matches[i].id());
            if (hit != null && hit.article().locale().equals(locale)) {
                fusion.candidate(hit).nearer(ArticleDocuments.cosine(hits[i].score), matches[i].phrase());
            }
        }
        // Fewer than k found: every vector of the language was found, and no other candidate has one.
        fusion.cosineBound(hits.length < NEAREST_VECTORS ? -1 : ArticleDocuments.cosine(hits[hits.length - 1].score));
        ArticleClassifier head = state.head();
        float[] probabilities = head == null ? null : head.probabilities(vector, text);
        if (head != null) {
            for (int j : top(probabilities, HEAD_CANDIDATES)) {
                IndexedArticle favourite = state.articles().apply(head.labels().get(j));
                if (favourite != null && favourite.article().locale().equals(locale)) {
                    fusion.candidate(favourite);
                }
            }
        }
        for (Fusion.Candidate candidate : fusion.candidates()) {
            candidate.probability = 0; // unless the classifier knows it: published after it was trained
        }
        if (head != null) {
            List<String> labels = head.labels();
            for (int j = 0; j < labels.size(); j++) {
                Fusion.Candidate candidate = fusion.get(labels.get(j));
                if (candidate != null) {
                    candidate.probability = probabilities[j];
                }
            }
        }
    }

    /** The indexes of the {@code n} highest values, highest first. */
    private static int[] top(float[] values, int n) {
        int count = Math.min(n, values.length);
        int[] best = new int[count];
        for (int slot = 0; slot < count; slot++) {
            int chosen = -1;
            for (int j = 0; j < values.length; j++) {
                boolean taken = false;
                for (int earlier = 0; earlier < slot; earlier++) {
                    taken |= best[earlier] == j;
                }
                if (!taken && (chosen < 0 || values[j] > values[chosen])) {
                    chosen = j;
                }
            }
            best[slot] = chosen;
        }
        return best;
    }
}
