package io.lotse.evaluation;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.LabelledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a labelled dataset's training rows into a knowledge base, as {@code evaluate} and the
 * benchmarks build it: one FAQ article per label, whose example
 * questions are the label's texts and whose title and body are the label in words.
 *
 * <p>Rows labelled {@code oos} never become an article. Article ids follow the editor API's rule
 * (lower case letters, digits, {@code .}, {@code _}, {@code -}); labels that differ only in what the
 * rule drops get {@code -2}, {@code -3}, …. Texts longer than an article question may be are
 * left out, repeated texts kept once. When a label has more texts than an article may hold, or
 * {@code shots} asks for fewer, the kept ones are drawn with the seed, the same on every run.
 *
 * @param articles one per label, ordered by label
 * @param idsByLabel the article id of each label
 * @param dropped texts left out because they were too long or more than an article holds
 */
public record DatasetArticles(List<Article> articles, Map<String, String> idsByLabel, int dropped) {

    private static final int MAX_ID_LENGTH = 100;

    /**
     * @param shots example questions to keep per label, 0 for all (up to {@link Article#MAX_QUESTIONS})
     * @param locale the articles' language
     */
    public static DatasetArticles from(List<LabelledText> train, int shots, long seed, String locale) {
        Map<String, Set<String>> textsByLabel = new TreeMap<>();
        int dropped = 0;
        for (LabelledText row : train) {
            if (row.outOfScope()) {
                continue;
            }
            String text = row.text().strip();
            if (text.isEmpty() || text.codePointCount(0, text.length()) > Article.MAX_ENTRY) {
                dropped++;
                continue;
            }
            textsByLabel.computeIfAbsent(row.label(), label -> new LinkedHashSet<>()).add(text);
        }
        int keep = shots > 0 ? Math.min(shots, Article.MAX_QUESTIONS) : Article.MAX_QUESTIONS;
        Random random = new Random(seed);
        List<Article> articles = new ArrayList<>(textsByLabel.size());
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, Set<String>> entry : textsByLabel.entrySet()) {
            List<String> texts = new ArrayList<>(entry.getValue());
            if (texts.size() > keep) {
                Collections.shuffle(texts, random);
                dropped += texts.size() - keep;
                texts = texts.subList(0, keep);
            }
            String id = uniqueId(entry.getKey(), taken);
            ids.put(entry.getKey(), id);
            String title = title(entry.getKey());
            articles.add(new Article(id, locale, title, List.copyOf(texts), List.of(), null, ArticleType.FAQ, title));
        }
        return new DatasetArticles(List.copyOf(articles), Map.copyOf(ids), dropped);
    }

    /** The article id expected for a row's label; {@code null} for {@code oos} or a label without training rows. */
    public String expectedId(LabelledText row) {
        return row.outOfScope() ? null : idsByLabel.get(row.label());
    }

    /** The label in words: {@code pto_request} → "pto request". */
    static String title(String label) {
        String words = label.replace('_', ' ').strip();
        return words.isEmpty() ? label : words;
    }

    /** The label made an article id: lower case, every other character a hyphen, never starting with one. */
    static String id(String label) {
        StringBuilder id = new StringBuilder();
        for (char c : label.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (allowed) {
                id.append(c);
            } else if (!id.isEmpty() && id.charAt(id.length() - 1) != '-') {
                id.append('-');
            }
        }
        while (!id.isEmpty() && !Character.isLetterOrDigit(id.charAt(0))) {
            id.deleteCharAt(0);
        }
        String cut = id.length() > MAX_ID_LENGTH - 4 ? id.substring(0, MAX_ID_LENGTH - 4) : id.toString();
        return cut.isEmpty() ? "label" : cut;
    }

    private static String uniqueId(String label, Set<String> taken) {
        String base = id(label);
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
