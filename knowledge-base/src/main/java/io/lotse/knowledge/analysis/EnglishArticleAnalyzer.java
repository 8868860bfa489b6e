package io.lotse.knowledge.analysis;

import io.lotse.knowledge.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.util.IOUtils;

/**
 * English analysis: possessives removed, lower case, accents folded, stop words dropped, Porter
 * stemming, then support synonyms.
 *
 * <p>The stop list is Snowball's (about 170 words, including question words such as "how" and
 * "what") plus modal verbs and "please", not Lucene's default of 33: customers phrase
 * questions, and "how can I" should neither match every article nor lower the share of the query
 * an article covers. Porter rather than KStem, because it also joins derived forms ("connection",
 * "connected", "connecting") in short questions where recall matters more than precision. A
 * typographic apostrophe is read as a plain one, so "can’t" is the stop word "can't"; "Wi-Fi" and
 * "e-mail" are read as one word each, as "wifi" and "email" are written. After stemming,
 * {@link SupportSynonyms} adds the other words of a support synonym group ("refund" and
 * "reimbursement") to articles and queries alike.
 */
final class EnglishArticleAnalyzer extends Analyzer {

    /**
     * Modal verbs and "please": the grammar of a question, not its subject. Greetings and thanks
     * stay words: a knowledge base may answer them (small talk).
     */
    private static final List<String> FILLER_WORDS = List.of("can", "may", "might", "must", "shall", "will", "please", "pls");

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final NormalizeCharMap SPELLINGS = spellings();
    private static final SupportSynonyms SYNONYMS = synonyms();

    private final SupportSynonyms synonyms;

    EnglishArticleAnalyzer() {
        this(SYNONYMS);
    }

    private EnglishArticleAnalyzer(SupportSynonyms synonyms) {
        this.synonyms = synonyms;
    }

    /** The synonym file's words go through this chain without synonyms, so they stem as article words do. */
    private static SupportSynonyms synonyms() {
        try (EnglishArticleAnalyzer stems = new EnglishArticleAnalyzer(SupportSynonyms.NONE)) {
            return SupportSynonyms.load(Language.EN.tag(), stems);
        }
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(SPELLINGS, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new PorterStemFilter(stream);
        stream = synonyms.filter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new MappingCharFilter(SPELLINGS, reader);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    private static CharArraySet stopWords() {
        try (InputStream in = IOUtils.requireResourceNonNull(
                SnowballFilter.class.getResourceAsStream("english_stop.txt"), "english_stop.txt")) {
            CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(in, StandardCharsets.UTF_8), false);
            words.addAll(FILLER_WORDS);
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NormalizeCharMap spellings() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        builder.add("\u2019", "'");
        // Hyphenated spellings of one word, which the tokenizer would cut in two ("wi", "fi").
        for (String wifi : new String[] {"Wi-Fi", "Wi-fi", "wi-fi", "WI-FI"}) {
            builder.add(wifi, "wifi");
        }
        for (String email : new String[] {"E-Mail", "E-mail", "e-mail", "E-MAIL"}) {
            builder.add(email, "email");
        }
        return builder.build();
    }
}
