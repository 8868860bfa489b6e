package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.analysis.AnalyzedText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * An article as the index holds it in memory: the article, all its analyzed terms, the terms of
 * its title and of each example question, and its compound-dictionary words.
 *
 * <p>Kept beside the Lucene index so that coverage and the best-matching question of a hit cost a
 * few set look-ups instead of reading and re-analyzing the document per query.
 *
 * @param article the article as stored
 * @param terms every analyzed term of every field
 * @param phrases the title, then each example question, with their terms
 * @param words what the article adds to its language's compound dictionary (empty if none)
 * @param vectors the unit vector of each phrase, in the order of {@code phrases}; empty without
 *     embeddings. Shared with the index's vector documents and never changed.
 * @param columns the same vectors transposed, dimension by dimension ({@code [k × phrases + j]}),
 *     so that the cosines to all phrases are one loop over phrases per dimension, which the JIT
 *     vectorizes; a dot product per phrase would be a reduction, which it does not
 */
record IndexedArticle(Article article, Set<String> terms, List<Phrase> phrases, Set<String> words, List<float[]> vectors,
        float[] columns) {

    /** A title or example question with its analyzed terms. */
    record Phrase(String text, Set<String> terms) {}

    /** The texts that get a vector each: the title, then the example questions. */
    static List<String> phraseTexts(Article article) {
        List<String> texts = new ArrayList<>(article.questions().size() + 1);
        texts.add(article.title());
        texts.addAll(article.questions());
        return texts;
    }

    static IndexedArticle of(Article article, Analyzer analyzer, Set<String> words, List<float[]> vectors) {
        List<Phrase> phrases = new ArrayList<>();
        for (String text : phraseTexts(article)) {
            phrases.add(new Phrase(text, AnalyzedText.termsOf(analyzer, text)));
        }
        if (!vectors.isEmpty() && vectors.size() != phrases.size()) {
            throw new IllegalArgumentException("one vector per title and example question");
        }
        Set<String> terms = new HashSet<>();
        phrases.forEach(phrase -> terms.addAll(phrase.terms()));
        article.tags().forEach(tag -> terms.addAll(AnalyzedText.termsOf(analyzer, tag)));
        terms.addAll(AnalyzedText.termsOf(analyzer, article.category()));
        terms.addAll(AnalyzedText.termsOf(analyzer, article.body()));
        return new IndexedArticle(article, Set.copyOf(terms), List.copyOf(phrases), Set.copyOf(words), List.copyOf(vectors),
                transpose(vectors));
    }

    private static float[] transpose(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return new float[0];
        }
        int count = vectors.size();
        int dimension = vectors.getFirst().length;
        float[] columns = new float[dimension * count];
        for (int j = 0; j < count; j++) {
            float[] vector = vectors.get(j);
            for (int k = 0; k < dimension; k++) {
                columns[k * count + j] = vector[k];
            }
        }
        return columns;
    }

    /** The title or example question sharing the most terms with a query; the title on a tie or none. */
    String bestMatch(AnalyzedText query) {
        Phrase best = phrases.getFirst();
        int bestOverlap = query.overlap(best.terms());
        for (Phrase phrase : phrases.subList(1, phrases.size())) {
            int overlap = query.overlap(phrase.terms());
            if (overlap > bestOverlap) {
                best = phrase;
                bestOverlap = overlap;
            }
        }
        return best.text();
    }

    /** The highest cosine between a unit query vector and a phrase, with that phrase's index; empty without vectors. */
    Nearest nearest(float[] query) {
        int count = vectors.size();
        if (count == 0) {
            return new Nearest(Double.NaN, -1);
        }
        float[] cosines = new float[count];
        for (int k = 0, base = 0; k < query.length; k++, base += count) {
            float value = query[k];
            for (int j = 0; j < count; j++) {
                cosines[j] += value * columns[base + j];
            }
        }
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (cosines[j] > cosines[best]) {
                best = j;
            }
        }
        return new Nearest(cosines[best], best);
    }

    /** A phrase's cosine to a query and its index in {@code phrases} (-1 for none). */
    record Nearest(double cosine, int phrase) {}
}
