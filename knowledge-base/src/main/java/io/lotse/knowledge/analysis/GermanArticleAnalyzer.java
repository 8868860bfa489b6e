package io.lotse.knowledge.analysis;

import io.lotse.knowledge.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
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
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * German analysis: lower case, umlauts, ß and other accents folded, stop words dropped, compounds
 * split by the knowledge base's own vocabulary, a light stemmer, then support synonyms.
 *
 * <p>Folding comes before the stop filter (with a folded stop list), so a customer who types
 * "fuer" or "ueber" loses the same stop words as one who types "für". Two folded stop words are
 * kept as words because they are also "ändern" and "ändere" folded ("Adresse ändern"), and the
 * filler words of questions are dropped too ("bitte", "möchte", "kannst", "gibt es", "geht das"),
 * as the English analysis drops modal verbs and "please".
 *
 * <p>The compound splitter emits every dictionary word found inside a longer word at the same
 * position ("rucksendeetikett" also gives "rucksend" and "etikett"), so "Rücksendeetikett" and
 * "Rücksendung … Etikett" share terms; it also joins derived forms ("umtausch" gives "tausch",
 * "bezahlen" gives "zahl"). Splitting only into parts that cover the whole word with linking
 * elements was measured too: its parts are cleaner ("vertrag" no longer gives "trag"), but it
 * loses those derived forms and found fewer right articles. The dictionary is fixed per instance,
 * and {@link LocaleAnalyzers} swaps in a new instance when the vocabulary changes.
 *
 * <p>The light stemmer was measured against the minimal, the classic and the Snowball German
 * stemmers, with the same or fewer right articles for each. After stemming, {@link SupportSynonyms}
 * adds the other words of a support synonym group ("Kennwort" and "Passwort") to articles and
 * queries alike. Without a dictionary ({@link #words()}) the chain stops after folding and stop
 * words, which is what the vocabulary itself is built from.
 */
public final class GermanArticleAnalyzer extends Analyzer {

    /** Words shorter than this are never split: a compound of two four-letter words has eight. */
    static final int MIN_COMPOUND_LENGTH = 5;
    /** Shorter parts ("ab", "an", "ort") match inside too many unrelated words. */
    static final int MIN_PART_LENGTH = 4;
    static final int MAX_PART_LENGTH = 20;

    /** Folded stop words that are also folded content words: "andern"/"ändern", "andere"/"ändere". */
    private static final Set<String> NOT_STOP_WORDS = Set.of("andern", "andere");
    /**
     * Words that carry nothing in a support question but politeness or its grammar; folded. "gibt"
     * and "geht" are mostly "gibt es …?" and "geht das?"; "geht nicht" loses little, every
     * troubleshooting article is about something that does not work. Greetings and thanks stay
     * words: a knowledge base may answer them (small talk).
     */
    private static final List<String> FILLER_WORDS = List.of("bitte", "mal", "eigentlich", "mochte", "mochten", "kannst", "konnt",
            "konnten", "wurdet", "habt", "hast", "gibt", "geht");

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final SupportSynonyms SYNONYMS = synonyms();

    private final CharArraySet dictionary;
    private final boolean stem;
    private final SupportSynonyms synonyms;

    private GermanArticleAnalyzer(CharArraySet dictionary, boolean stem, SupportSynonyms synonyms) {
        this.dictionary = dictionary;
        this.stem = stem;
        this.synonyms = synonyms;
    }

    /** The full chain for indexing and queries, splitting compounds with these (folded) words. */
    static GermanArticleAnalyzer withDictionary(CharArraySet dictionary) {
        return new GermanArticleAnalyzer(CharArraySet.unmodifiableSet(dictionary), true, SYNONYMS);
    }

    /** Only folding and stop words: the surface words from which the compound dictionary is built. */
    public static GermanArticleAnalyzer words() {
        return new GermanArticleAnalyzer(CharArraySet.EMPTY_SET, false, SupportSynonyms.NONE);
    }


    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new GermanNormalizationFilter(stream);
        // Other languages' accents too ("Café", "Crème"), which German folding leaves.
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        if (!stem) {
            return new TokenStreamComponents(source, stream);
        }
        if (!dictionary.isEmpty()) {
            stream = new DictionaryCompoundWordTokenFilter(
                    stream, dictionary, MIN_COMPOUND_LENGTH, MIN_PART_LENGTH, MAX_PART_LENGTH, false);
        }
        stream = new GermanLightStemFilter(stream);
        stream = synonyms.filter(stream);
        // A part can stem to the word itself ("etiketten" contains "etikett"); one copy is enough.
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new GermanNormalizationFilter(new LowerCaseFilter(in)));
    }

    /** The synonym file's words go through this chain without a dictionary, so they stem as article words do. */
    private static SupportSynonyms synonyms() {
        try (GermanArticleAnalyzer stems = new GermanArticleAnalyzer(CharArraySet.EMPTY_SET, true, SupportSynonyms.NONE)) {
            return SupportSynonyms.load(Language.DE.tag(), stems);
        }
    }

    private static CharArraySet stopWords() {
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
                        if (!NOT_STOP_WORDS.contains(term.toString())) {
                            folded.add(term.toString());
                        }
                    }
                    stream.end();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        folded.addAll(FILLER_WORDS);
        return CharArraySet.unmodifiableSet(folded);
    }
}
