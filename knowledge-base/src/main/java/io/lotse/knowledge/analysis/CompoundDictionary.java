package io.lotse.knowledge.analysis;

import io.lotse.knowledge.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Builds the words from which German compounds are split: every folded word of an article, plus
 * its root with a common ending removed.
 *
 * <p>The roots are what make "Lieferzeit" find "Lieferung": "lieferung" adds the root "liefer",
 * which is then found inside "lieferzeit". Because the dictionary is the knowledge base's own
 * vocabulary, a query word is split into parts only where the articles know those parts.
 */
public final class CompoundDictionary {

    /** Longest first, so "lieferungen" loses "ungen" rather than "en". */
    private static final String[] ENDINGS = {"ungen", "ung", "en", "er", "e", "n", "s"};
    private static final int MAX_WORD_LENGTH = 40;

    private CompoundDictionary() {}

    /** The dictionary words an article contributes. */
    public static Set<String> wordsOf(Analyzer wordsAnalyzer, Article article) {
        Set<String> words = new HashSet<>();
        add(words, wordsAnalyzer, article.title());
        article.questions().forEach(question -> add(words, wordsAnalyzer, question));
        article.tags().forEach(tag -> add(words, wordsAnalyzer, tag));
        add(words, wordsAnalyzer, article.category());
        add(words, wordsAnalyzer, article.body());
        return words;
    }

    /** Whether a dictionary change alters how an article with these words is split. */
    public static boolean affects(Set<String> articleWords, Set<String> changedWords) {
        for (String word : articleWords) {
            if (word.length() < GermanArticleAnalyzer.MIN_COMPOUND_LENGTH) {
                continue;
            }
            for (String changed : changedWords) {
                if (changed.length() <= word.length() && word.contains(changed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The word without its longest common ending, or {@code null} when too little would be left. */
    static String root(String word) {
        for (String ending : ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= GermanArticleAnalyzer.MIN_PART_LENGTH) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return null;
    }

    private static void add(Set<String> words, Analyzer analyzer, String text) {
        if (text == null) {
            return;
        }
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (isDictionaryWord(word)) {
                    words.add(word);
                    String root = root(word);
                    if (root != null) {
                        words.add(root);
                    }
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Letters only: numbers, codes and URLs would split unrelated words. */
    private static boolean isDictionaryWord(String word) {
        if (word.length() < GermanArticleAnalyzer.MIN_PART_LENGTH || word.length() > MAX_WORD_LENGTH) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
