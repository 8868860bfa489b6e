package io.lotse.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.util.IOUtils;

/**
 * English analysis: possessives removed, lower case, stop words dropped, Porter stemming.
 *
 * <p>The stop list is Snowball's (about 170 words, including question words such as "how" and
 * "what") plus modal verbs and "please", not Lucene's default of 33: customers phrase questions, and "how can I"
 * should neither match every article nor lower the share of the query an article covers. Porter
 * rather than KStem, because it also joins derived forms ("connection", "connected", "connecting")
 * in short questions where recall matters more than precision. A typographic apostrophe is read as
 * a plain one, so "can’t" is the stop word "can't".
 */
final class EnglishArticleAnalyzer extends Analyzer {

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final NormalizeCharMap APOSTROPHES = apostrophes();

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(APOSTROPHES, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new MappingCharFilter(APOSTROPHES, reader);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    private static CharArraySet stopWords() {
        try (InputStream in = IOUtils.requireResourceNonNull(
                SnowballFilter.class.getResourceAsStream("english_stop.txt"), "english_stop.txt")) {
            CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(in, StandardCharsets.UTF_8), false);
            for (String modal : new String[] {"can", "may", "might", "must", "shall", "will", "please"}) {
                words.add(modal);
            }
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NormalizeCharMap apostrophes() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        builder.add("\u2019", "'");
        return builder.build();
    }
}
