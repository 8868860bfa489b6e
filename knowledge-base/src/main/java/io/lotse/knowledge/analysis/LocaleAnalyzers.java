package io.lotse.knowledge.analysis;

import io.lotse.knowledge.Language;
import java.io.Closeable;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer for each article language: German and English have their own, every other
 * language gets Lucene's {@link StandardAnalyzer}.
 *
 * <p>German splits compounds with a dictionary built from the knowledge base's own words; setting a
 * new dictionary swaps in a new German analyzer instead of changing the old one, because Lucene
 * caches an analyzer's token streams per thread. Callers keep the analyzer they got for the whole
 * of one query, so a swap never mixes two dictionaries in one analysis.
 */
public final class LocaleAnalyzers implements Closeable {

    private final Analyzer english = new EnglishArticleAnalyzer();
    private final Analyzer standard = new StandardAnalyzer();
    private final Analyzer germanWords = GermanArticleAnalyzer.words();
    private final Analyzer written = TypoCorrection.writtenWords();
    private volatile Analyzer german = GermanArticleAnalyzer.withDictionary(CharArraySet.EMPTY_SET);
    private volatile Set<String> germanDictionary = Set.of();

    /** The analyzer for articles and queries of one language. */
    public Analyzer forLocale(String locale) {
        if (Language.DE.tag().equals(locale)) {
            return german;
        }
        return Language.EN.tag().equals(locale) ? english : standard;
    }

    /** The analyzer of the words as written, for every language (see {@link TypoCorrection}). */
    public Analyzer writtenWords() {
        return written;
    }

    /**
     * An analyzer for the index writer that picks the language from the field name's suffix
     * ({@code title.de}), except for the words as written ({@code spelling.de}); fields without
     * a suffix are not analyzed anyway.
     */
    public Analyzer perField() {
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                int dot = fieldName.lastIndexOf('.');
                if (dot > 0 && fieldName.startsWith(TypoCorrection.FIELD) && dot == TypoCorrection.FIELD.length()) {
                    return written;
                }
                return forLocale(dot < 0 ? "" : fieldName.substring(dot + 1));
            }
        };
    }

    /** Whether this language splits compounds and so needs a vocabulary of its articles' words. */
    public boolean splitsCompounds(String locale) {
        return Language.DE.tag().equals(locale);
    }

    /** The analyzer whose tokens make up the compound vocabulary (folded, no stop words, unstemmed). */
    public Analyzer wordsAnalyzer() {
        return germanWords;
    }

    /** The compound dictionary now in use for a language; empty for languages without one. */
    public Set<String> dictionary(String locale) {
        return splitsCompounds(locale) ? germanDictionary : Set.of();
    }

    /** Uses a new compound dictionary for a language from now on; callers must reindex what it changes. */
    public void useDictionary(String locale, Set<String> words) {
        if (!splitsCompounds(locale)) {
            return;
        }
        CharArraySet dictionary = new CharArraySet(words, false);
        germanDictionary = Set.copyOf(words);
        // The old instance is left to the garbage collector rather than closed: a search may still be using it.
        german = GermanArticleAnalyzer.withDictionary(dictionary);
    }

    @Override
    public void close() {
        english.close();
        standard.close();
        germanWords.close();
        written.close();
        german.close();
    }
}
