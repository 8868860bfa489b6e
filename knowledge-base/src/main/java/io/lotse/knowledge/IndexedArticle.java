package io.lotse.knowledge;

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
 */
record IndexedArticle(Article article, Set<String> terms, List<Phrase> phrases, Set<String> words) {

    /** A title or example question with its analyzed terms. */
    record Phrase(String text, Set<String> terms) {}

    static IndexedArticle of(Article article, Analyzer analyzer, Set<String> words) {
        List<Phrase> phrases = new ArrayList<>();
        phrases.add(new Phrase(article.title(), AnalyzedText.termsOf(analyzer, article.title())));
        for (String question : article.questions()) {
            phrases.add(new Phrase(question, AnalyzedText.termsOf(analyzer, question)));
        }
        Set<String> terms = new HashSet<>();
        phrases.forEach(phrase -> terms.addAll(phrase.terms()));
        article.tags().forEach(tag -> terms.addAll(AnalyzedText.termsOf(analyzer, tag)));
        terms.addAll(AnalyzedText.termsOf(analyzer, article.category()));
        terms.addAll(AnalyzedText.termsOf(analyzer, article.body()));
        return new IndexedArticle(article, Set.copyOf(terms), List.copyOf(phrases), Set.copyOf(words));
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
}
