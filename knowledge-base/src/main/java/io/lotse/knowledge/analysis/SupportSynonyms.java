package io.lotse.knowledge.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * A small list of words that name the same thing in customer support ("Kennwort" and "Passwort",
 * "refund" and "reimbursement"), one list per language in {@code synonyms/<locale>.txt}.
 *
 * <p>Applied to articles and queries alike, after stemming: each term of a group brings the
 * others at its own position, as compound parts do, so an article that says "Passwort" also holds
 * "kennwort", and a question with "Kennwort" matches it with its own word (full weight, full
 * coverage). A one-way rule ("kaputt => defekt, beschädigt") gives a colloquial word the standard
 * ones without making the standard ones the same as each other. The file holds words as people
 * write them; they go through the language's analysis when it is loaded, and a word that is not
 * one term after it (a stop word, two words) fails the load, so a broken list is found by the
 * first test rather than silently ignored.
 */
final class SupportSynonyms {

    static final SupportSynonyms NONE = new SupportSynonyms(Map.of());

    private final Map<String, List<String>> expansions;

    private SupportSynonyms(Map<String, List<String>> expansions) {
        this.expansions = expansions;
    }

    /** Reads {@code synonyms/<locale>.txt} beside this class; each word is analyzed to its one term. */
    static SupportSynonyms load(String locale, Analyzer stems) {
        String resource = "synonyms/" + locale + ".txt";
        try (InputStream in = SupportSynonyms.class.getResourceAsStream(resource)) {
            if (in == null) {
                return NONE;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Set<String>> map = new HashMap<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String rule = line.strip();
                if (!rule.isEmpty() && !rule.startsWith("#")) {
                    addRule(map, stems, rule, resource + " line " + number);
                }
            }
            Map<String, List<String>> expansions = new HashMap<>();
            map.forEach((term, others) -> expansions.put(term, List.copyOf(others)));
            return new SupportSynonyms(Map.copyOf(expansions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** "a, b, c" maps each to the others; "a, b => c, d" maps a and b to c and d. */
    private static void addRule(Map<String, Set<String>> map, Analyzer stems, String rule, String where) {
        int arrow = rule.indexOf("=>");
        List<String> left = terms(stems, arrow < 0 ? rule : rule.substring(0, arrow), where);
        List<String> right = arrow < 0 ? left : terms(stems, rule.substring(arrow + 2), where);
        for (String from : left) {
            for (String to : right) {
                if (!to.equals(from)) {
                    map.computeIfAbsent(from, key -> new LinkedHashSet<>()).add(to);
                }
            }
        }
    }

    private static List<String> terms(Analyzer stems, String words, String where) {
        List<String> terms = new ArrayList<>();
        for (String word : words.split(",")) {
            if (word.isBlank()) {
                continue;
            }
            List<String> analyzed = new ArrayList<>(AnalyzedText.termsOf(stems, word));
            if (analyzed.size() != 1) {
                throw new IllegalStateException(where + ": \"" + word.strip() + "\" is not one word after analysis "
                        + analyzed);
            }
            terms.add(analyzed.getFirst());
        }
        return terms;
    }

    /** The terms a term stands for too; empty when it is in no group. */
    List<String> of(String term) {
        return expansions.getOrDefault(term, List.of());
    }

    boolean isEmpty() {
        return expansions.isEmpty();
    }

    /** Adds the synonyms of each term after it, at the same position. */
    TokenStream filter(TokenStream input) {
        return isEmpty() ? input : new Filter(input, this);
    }

    private static final class Filter extends TokenFilter {

        private final SupportSynonyms synonyms;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final Deque<String> pending = new ArrayDeque<>();
        private AttributeSource.State state;

        Filter(TokenStream input, SupportSynonyms synonyms) {
            super(input);
            this.synonyms = synonyms;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(state);
                term.setEmpty().append(pending.removeFirst());
                increment.setPositionIncrement(0);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            List<String> others = synonyms.of(term.toString());
            if (!others.isEmpty()) {
                pending.addAll(others);
                state = captureState();
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            state = null;
        }
    }
}
