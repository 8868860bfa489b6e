package io.lotse.knowledge.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Corrects the misspelled words of a query to words of the knowledge base's own text, so that
 * "Wie lnage dauret der Vrsand?" is searched as "Wie lange dauert der Versand?".
 *
 * <p>Every article's text document also holds its words as written, only lower-cased
 * ({@code spelling.de}, not searched). A query word is left alone when it is written so somewhere
 * in the knowledge base, when its analyzed word term is indexed (another form of a known word:
 * "Bestellungen", "shipped") or when the analysis drops it (a stop word); so a correctly spelled
 * query, and a rare word the knowledge base uses even once, stay exactly as they are. A word
 * unknown in every way, of at least {@value #MIN_LENGTH} letters, becomes the written word one
 * typing slip away ({@link #isTypo}; the first letter must match, as customers rarely mistype it),
 * the most frequent one if there are several. The written words include stop words, so "how lnog
 * dose shiping take" becomes "how long does shipping take", which the embedding model and the
 * classifier read as well as BM25 does.
 *
 * <p>The candidates come from Lucene's {@link FuzzyTermsEnum} over the field's terms, as its
 * {@code DirectSpellChecker} finds them, without that module. Two edits were tried: they cost
 * milliseconds per long word and mostly turned one real word into another ("basketball",
 * "baseball"). A word without a near neighbour stays as it is: it matches nothing, as before.
 */
public final class TypoCorrection {

    /** The field of the words as written, one per language ({@code spelling.de}). */
    static final String FIELD = "spelling";
    /** Shorter words have too many neighbours one edit away ("form", "from", "fork"). */
    static final int MIN_LENGTH = 4;
    /** From this length on a word may be one edit of any kind from its correction (see {@link #isTypo}). */
    static final int ANY_EDIT_LENGTH = 6;
    /**
     * A corrected word weighs this much of a word as typed, in BM25 and in coverage: the right
     * article still ranks first, with a little less confidence than for the correctly spelled question.
     */
    public static final float WEIGHT = 0.8f;
    /** Candidates looked at per word; a word has few one edit away in a knowledge base's vocabulary. */
    private static final int MAX_CANDIDATES = 50;

    private TypoCorrection() {}

    public static String field(String locale) {
        return FIELD + "." + locale;
    }

    /** The analyzer of the words as written: the standard tokenizer, lower case, nothing else. */
    static Analyzer writtenWords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
    }

    /**
     * The text with its misspelled words corrected; the same instance when nothing was.
     *
     * @param written the analyzer of {@link #writtenWords()}
     * @param analyzer the language's analyzer, the same the query is searched with
     * @param searched the language's searched fields ({@code title.de}, …): a word whose analyzed
     *     term one of them holds is known
     * @param memory the nearest words of recent unknown ones
     */
    public static String correct(IndexReader reader, Analyzer written, Analyzer analyzer, String locale, List<String> searched,
            String text, Memory memory) {
        try {
            StringBuilder corrected = null;
            int copied = 0;
            try (TokenStream stream = written.tokenStream("", text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    String word = term.toString();
                    if (!isCandidate(word) || reader.docFreq(new Term(field(locale), word)) > 0) {
                        continue;
                    }
                    if (isKnown(reader, analyzer, searched, word)) {
                        continue;
                    }
                    String nearest = memory.nearest(reader, locale, word);
                    if (nearest == null) {
                        continue;
                    }
                    if (corrected == null) {
                        corrected = new StringBuilder(text.length() + 8);
                    }
                    corrected.append(text, copied, offset.startOffset());
                    String original = text.substring(offset.startOffset(), offset.endOffset());
                    corrected.append(Character.isUpperCase(original.codePointAt(0)) ? capitalised(nearest) : nearest);
                    copied = offset.endOffset();
                }
                stream.end();
            }
            return corrected == null ? text : corrected.append(text, copied, text.length()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only words of letters long enough to tell a typo from another word. */
    private static boolean isCandidate(String word) {
        if (word.codePointCount(0, word.length()) < MIN_LENGTH) {
            return false;
        }
        return word.codePoints().allMatch(Character::isLetter);
    }

    /**
     * Whether the word is a stop word or its analyzed word term is indexed in the language's
     * searched fields. Compound parts and synonyms do not count: "Passwortt" contains the known
     * "passwort" and is still a typo.
     */
    private static boolean isKnown(IndexReader reader, Analyzer analyzer, List<String> searched, String word) throws IOException {
        boolean any = false;
        try (TokenStream stream = analyzer.tokenStream("", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (any && increment.getPositionIncrement() == 0) {
                    continue;
                }
                any = true;
                String each = term.toString();
                for (String field : searched) {
                    if (reader.docFreq(new Term(field, each)) > 0) {
                        return true;
                    }
                }
            }
            stream.end();
        }
        return !any;
    }

    /**
     * The nearest words of recent unknown ones, each for the index it was looked up in. Looking a
     * word up builds two Levenshtein automata and walks the terms near it, which costs a tenth of a
     * millisecond and more, and an unknown word comes back: the same slip, the same product name
     * the articles never use. A new index (after any change) looks every word up afresh. Caffeine,
     * with its upkeep on the calling thread.
     */
    public static final class Memory {

        /** Keeps nothing: every word is looked up. */
        public static final Memory NONE = new Memory(0);

        private final Cache<String, Nearest> nearest;

        /** @param size how many words it keeps at most; 0 keeps none */
        public Memory(int size) {
            this.nearest = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
        }

        private String nearest(IndexReader reader, String locale, String word) throws IOException {
            IndexReader.CacheHelper index = reader.getReaderCacheHelper();
            if (nearest == null || index == null) {
                return lookUp(reader, locale, word);
            }
            String key = locale + '\n' + word;
            Nearest known = nearest.getIfPresent(key);
            if (known != null && known.index() == index.getKey()) {
                return known.word();
            }
            String found = lookUp(reader, locale, word);
            nearest.put(key, new Nearest(index.getKey(), found));
            return found;
        }
    }

    /** A word's nearest known word in one index; {@code null} when it has none. */
    private record Nearest(IndexReader.CacheKey index, String word) {}

    /** The most frequent written word one typing slip away, or {@code null} when there is none or the index lacks the field. */
    private static String lookUp(IndexReader reader, String locale, String word) throws IOException {
        Terms words = MultiTerms.getTerms(reader, field(locale));
        return words == null ? null : nearest(words, locale, word);
    }

    private static String nearest(Terms words, String locale, String word) throws IOException {
        FuzzyTermsEnum candidates = new FuzzyTermsEnum(words, new Term(field(locale), word), 1, 1, true);
        String best = null;
        int bestFrequency = 0;
        int seen = 0;
        BytesRef candidate;
        while ((candidate = candidates.next()) != null && seen++ < MAX_CANDIDATES) {
            String text = candidate.utf8ToString();
            if (!text.codePoints().allMatch(Character::isLetter) || !isTypo(word, text, edits(word, text))) {
                continue;
            }
            int frequency = candidates.docFreq();
            if (frequency > bestFrequency || frequency == bestFrequency && text.compareTo(best) < 0) {
                best = text;
                bestFrequency = frequency;
            }
        }
        return best;
    }

    /**
     * Whether a word is more likely a typo of a known word than another word the knowledge base
     * lacks. Most edits of a word give another real word ("step" and "stop", "remote" and "remove",
     * "mental" and "metal"), so only the commonest slips count: two neighbouring letters swapped
     * ("lnog", "dose"), a letter typed twice or a double one once ("shiping", "Versannd"), and from
     * {@value #ANY_EDIT_LENGTH} letters on a letter left out ("Vrsand"), a key hit beside the
     * right one ("passwird") or hit as well ("Gutscheihn"), on a QWERTY or QWERTZ keyboard.
     */
    static boolean isTypo(String word, String known, int edits) {
        if (edits != 1) {
            return false;
        }
        if (isSwap(word, known) || isDoubling(word, known) || isDoubling(known, word)) {
            return true;
        }
        if (word.codePointCount(0, word.length()) < ANY_EDIT_LENGTH) {
            return false;
        }
        if (word.length() + 1 == known.length()) {
            return true; // a letter left out
        }
        int i = 0;
        while (i < known.length() && i < word.length() && word.charAt(i) == known.charAt(i)) {
            i++;
        }
        if (word.length() == known.length()) {
            return i < word.length() && areNeighbours(word.charAt(i), known.charAt(i));
        }
        // One letter too many at i: a key beside the one before or after it.
        char extra = word.charAt(i);
        return i > 0 && areNeighbours(extra, word.charAt(i - 1)) || i + 1 < word.length() && areNeighbours(extra, word.charAt(i + 1));
    }

    /** Whether two letters are neighbouring keys on a QWERTY or a QWERTZ (German) keyboard. */
    static boolean areNeighbours(char a, char b) {
        return KEYBOARD_NEIGHBOURS.contains(a + "" + b);
    }

    private static final Set<String> KEYBOARD_NEIGHBOURS = keyboardNeighbours();

    private static Set<String> keyboardNeighbours() {
        Set<String> pairs = new HashSet<>();
        for (String[] rows : new String[][] {{"qwertyuiop", "asdfghjkl", "zxcvbnm"}, {"qwertzuiopü", "asdfghjklöä", "yxcvbnm"}}) {
            for (int r = 0; r < rows.length; r++) {
                for (int i = 0; i < rows[r].length(); i++) {
                    char key = rows[r].charAt(i);
                    if (i + 1 < rows[r].length()) {
                        addPair(pairs, key, rows[r].charAt(i + 1));
                    }
                    // Each row is shifted right by about half a key: below a key are the one at i - 1 and at i.
                    if (r + 1 < rows.length) {
                        for (int j = i - 1; j <= i; j++) {
                            if (j >= 0 && j < rows[r + 1].length()) {
                                addPair(pairs, key, rows[r + 1].charAt(j));
                            }
                        }
                    }
                }
            }
        }
        return Set.copyOf(pairs);
    }

    private static void addPair(Set<String> pairs, char a, char b) {
        pairs.add(a + "" + b);
        pairs.add(b + "" + a);
    }

    /** Whether the two are the same but for two neighbouring letters swapped. */
    private static boolean isSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = 0;
        while (first < a.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /** Whether {@code longer} is {@code shorter} with one of its letters typed twice. */
    private static boolean isDoubling(String longer, String shorter) {
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
            i++;
        }
        // longer.charAt(i) is the extra letter; it must repeat the one before or after it.
        boolean repeats = i > 0 && longer.charAt(i) == longer.charAt(i - 1)
                || i + 1 < longer.length() && longer.charAt(i) == longer.charAt(i + 1);
        return repeats && longer.substring(i + 1).equals(shorter.substring(i));
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int edits(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length][y.length];
    }

    private static String capitalised(String word) {
        int first = word.codePointAt(0);
        return new StringBuilder(word.length()).appendCodePoint(Character.toUpperCase(first))
                .append(word, Character.charCount(first), word.length()).toString();
    }
}
