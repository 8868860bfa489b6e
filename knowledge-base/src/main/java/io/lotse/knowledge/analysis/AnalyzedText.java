package io.lotse.knowledge.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text after analysis, as words each with the parts its compound was split into (usually none).
 *
 * <p>A part stands at the same position as its word, which is how the two are told apart. The
 * coverage of an article counts words, not terms: a word the article contains counts fully, a
 * compound the article does not contain counts by the share of its parts it does, so
 * "Rücksendeetikett" against "Rücksendung … Etikett" is covered, not one third covered.
 */
public final class AnalyzedText {

    /** Word → its compound parts; insertion ordered so a cut at the term limit keeps the first words. */
    private final Map<String, Set<String>> words;
    private final Set<String> terms;
    /** The terms that only a typo correction brought (see {@link TypoCorrection}); usually none. */
    private final Set<String> corrected;

    private AnalyzedText(Map<String, Set<String>> words) {
        this(words, Set.of());
    }

    private AnalyzedText(Map<String, Set<String>> words, Set<String> corrected) {
        this.words = words;
        this.corrected = corrected;
        Set<String> all = new LinkedHashSet<>();
        words.forEach((word, parts) -> {
            all.add(word);
            all.addAll(parts);
        });
        this.terms = all;
    }

    /** Analyzes a text, keeping at most {@code maxTerms} distinct terms (words and parts together). */
    public static AnalyzedText of(Analyzer analyzer, String text, int maxTerms) {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        if (text == null) {
            return new AnalyzedText(words);
        }
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            String word = null;
            Set<String> parts = null;
            int count = 0;
            while (stream.incrementToken()) {
                String value = term.toString();
                boolean isPart = increment.getPositionIncrement() == 0 && word != null;
                if (!isPart) {
                    word = value;
                    parts = words.get(value);
                    if (parts == null) {
                        if (count >= maxTerms) {
                            break;
                        }
                        parts = new LinkedHashSet<>();
                        words.put(value, parts);
                        count++;
                    }
                } else if (!value.equals(word) && count < maxTerms && parts.add(value)) {
                    count++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AnalyzedText(words);
    }

    /** Every distinct term of a text (words and parts), for an article's fields. */
    public static Set<String> termsOf(Analyzer analyzer, String text) {
        return text == null ? Set.of() : of(analyzer, text, Integer.MAX_VALUE).terms;
    }

    /**
     * This text, the corrected form of {@code typed}, with the terms {@code typed} lacks marked as
     * corrected: they weigh {@value TypoCorrection#WEIGHT} of a typed word in BM25 and coverage.
     */
    public AnalyzedText correcting(AnalyzedText typed) {
        Set<String> only = new LinkedHashSet<>(terms);
        only.removeAll(typed.terms);
        return only.isEmpty() ? this : new AnalyzedText(words, Set.copyOf(only));
    }

    /** Whether a term came only from a typo correction. */
    public boolean isCorrected(String term) {
        return corrected.contains(term);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** Words and parts, each once. */
    public Set<String> terms() {
        return terms;
    }

    /** Whether a term is only ever a part of a compound here, never a word of its own. */
    public boolean isOnlyPart(String term) {
        return !words.containsKey(term);
    }

    /**
     * The share, 0..1, of this text's words that the given terms contain (see the class comment);
     * a corrected word counts {@value TypoCorrection#WEIGHT}.
     */
    public double coverage(Set<String> articleTerms) {
        if (words.isEmpty()) {
            return 0;
        }
        double covered = 0;
        for (Map.Entry<String, Set<String>> word : words.entrySet()) {
            double weight = corrected.contains(word.getKey()) ? TypoCorrection.WEIGHT : 1;
            if (articleTerms.contains(word.getKey())) {
                covered += weight;
            } else if (!word.getValue().isEmpty()) {
                long found = word.getValue().stream().filter(articleTerms::contains).count();
                covered += weight * found / word.getValue().size();
            }
        }
        return covered / words.size();
    }

    /** How many of this text's terms the given terms share. */
    public int overlap(Set<String> otherTerms) {
        Set<String> smaller = terms.size() <= otherTerms.size() ? terms : otherTerms;
        Set<String> larger = smaller == terms ? otherTerms : terms;
        int shared = 0;
        for (String term : smaller) {
            if (larger.contains(term)) {
                shared++;
            }
        }
        return shared;
    }

    @Override
    public String toString() {
        return words.toString();
    }

    /** Test helper: the parts found for a word, empty when it was not split. */
    Set<String> partsOf(String word) {
        return words.getOrDefault(word, Set.of());
    }
}
