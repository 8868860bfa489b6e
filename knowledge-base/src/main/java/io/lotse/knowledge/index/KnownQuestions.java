package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.analysis.GermanArticleAnalyzer;
import io.lotse.knowledge.articles.ArticleValidator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.util.BytesRef;

/**
 * Every article's title and example questions, as a customer might type them, mapped to the article.
 *
 * <p>A text and a question are the same when their keys are: Unicode NFKC, then the German
 * analysis's own folding (lower case, umlauts and ß as the index folds them, so "für", "fuer" and
 * "FÜR" agree, other accents dropped), then everything but letters and digits removed. Punctuation,
 * spaces and hyphens thus never matter: "Internet geht nicht", "internet geht nicht!" and
 * "E-Mail ändern" / "email aendern" find the same article. Nothing is stemmed or corrected: a
 * question with one word more or less is not known and goes to the search.
 *
 * <p>Immutable and thread-safe; the index builds a new one after every change.
 */
final class KnownQuestions {

    static final KnownQuestions EMPTY = new KnownQuestions(Map.of());

    /** Longer texts are no title or example question ({@link ArticleValidator#MAX_ENTRY}) and are not looked up. */
    private static final int MAX_TEXT = 2 * Math.max(ArticleValidator.MAX_TITLE, ArticleValidator.MAX_ENTRY);

    /**
     * Only its normalisation is used: the same folding the German index applies to every word. On
     * purpose not {@code Language}'s umlaut foldings: this one folds "für", "fuer" and "fur" all
     * into one, as the search does, and a known question should read as the search reads it.
     */
    private static final Analyzer FOLDING = GermanArticleAnalyzer.words();

    private final Map<String, List<Article>> byKey;

    private KnownQuestions(Map<String, List<Article>> byKey) {
        this.byKey = byKey;
    }

    /** The titles and questions of these articles; an article appears once per key, articles ordered by id. */
    static KnownQuestions of(Collection<Article> articles) {
        Map<String, Set<Article>> keys = new HashMap<>();
        articles.stream().sorted(Comparator.comparing(Article::id)).forEach(article -> {
            List<String> texts = new ArrayList<>(article.questions().size() + 1);
            texts.add(article.title());
            texts.addAll(article.questions());
            for (String text : texts) {
                String key = key(text);
                if (!key.isEmpty()) {
                    keys.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(article);
                }
            }
        });
        Map<String, List<Article>> byKey = new HashMap<>(keys.size() * 4 / 3 + 1);
        keys.forEach((key, found) -> byKey.put(key, List.copyOf(found)));
        return new KnownQuestions(byKey);
    }

    /** The articles (of every language, by id) with this text as title or example question; usually one or none. */
    List<Article> articles(String text) {
        if (byKey.isEmpty() || text == null || text.length() > MAX_TEXT) {
            return List.of();
        }
        String key = key(text);
        return key.isEmpty() ? List.of() : byKey.getOrDefault(key, List.of());
    }

    int size() {
        return byKey.size();
    }

    /** The text compared: NFKC, folded as the German index folds, only letters and digits; empty for none. */
    static String key(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String composed = Normalizer.normalize(text, Normalizer.Form.NFKC);
        BytesRef folded = FOLDING.normalize("", composed);
        String plain = folded.utf8ToString();
        StringBuilder key = new StringBuilder(plain.length());
        plain.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }
}
