package io.lotse.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * German analysis: lower case, umlauts and ß folded, stop words dropped, compounds split by the
 * knowledge base's own vocabulary, then a light stemmer.
 *
 * <p>Folding comes before the stop filter (with a folded stop list), so a customer who types
 * "fuer" or "ueber" loses the same stop words as one who types "für". The compound splitter emits
 * every dictionary word found inside a longer word at the same position ("rucksendeetikett" also
 * gives "rucksend" and "etikett"), so "Rücksendeetikett" and "Rücksendung … Etikett" share terms;
 * the dictionary is fixed per instance, and {@link LocaleAnalyzers} swaps in a new instance when
 * the vocabulary changes. Without a dictionary ({@link #words()}) the chain stops after folding and
 * stop words, which is what the vocabulary itself is built from.
 */
final class GermanArticleAnalyzer extends Analyzer {

    /** Words shorter than this are never split: a compound of two four-letter words has eight. */
    static final int MIN_COMPOUND_LENGTH = 5;
    /** Shorter parts ("ab", "an", "ort") match inside too many unrelated words. */
    static final int MIN_PART_LENGTH = 4;
    static final int MAX_PART_LENGTH = 20;

    private static final CharArraySet STOP_WORDS = foldedStopWords();

    private final CharArraySet dictionary;
    private final boolean stem;

    private GermanArticleAnalyzer(CharArraySet dictionary, boolean stem) {
        this.dictionary = dictionary;
        this.stem = stem;
    }

    /** The full chain for indexing and queries, splitting compounds with these (folded) words. */
    static GermanArticleAnalyzer withDictionary(CharArraySet dictionary) {
        return new GermanArticleAnalyzer(CharArraySet.unmodifiableSet(dictionary), true);
    }

    /** Only folding and stop words: the surface words from which the compound dictionary is built. */
    static GermanArticleAnalyzer words() {
        return new GermanArticleAnalyzer(CharArraySet.EMPTY_SET, false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new GermanNormalizationFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        if (!stem) {
            return new TokenStreamComponents(source, stream);
        }
        if (!dictionary.isEmpty()) {
            stream = new DictionaryCompoundWordTokenFilter(
                    stream, dictionary, MIN_COMPOUND_LENGTH, MIN_PART_LENGTH, MAX_PART_LENGTH, false);
        }
        stream = new GermanLightStemFilter(stream);
        // A part can stem to the word itself ("etiketten" contains "etikett"); one copy is enough.
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new GermanNormalizationFilter(new LowerCaseFilter(in));
    }

    private static CharArraySet foldedStopWords() {
        CharArraySet folded = new CharArraySet(400, false);
        try (Analyzer folding = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new GermanNormalizationFilter(new LowerCaseFilter(source)));
            }
        }) {
            for (Object word : GermanAnalyzer.getDefaultStopSet()) {
                try (TokenStream stream = folding.tokenStream("", new String((char[]) word))) {
                    CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                    stream.reset();
                    while (stream.incrementToken()) {
                        folded.add(term.toString());
                    }
                    stream.end();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CharArraySet.unmodifiableSet(folded);
    }
}
