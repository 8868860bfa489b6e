package io.lotse.knowledge.articles;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleValidationException;
import io.lotse.knowledge.ArticleValidationException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks an article against the editor API's rules and returns it tidied: strings trimmed, blank
 * list entries dropped, the locale in lower case.
 *
 * <p>All problems are collected before anything is thrown, so an editor sees every mistake at once.
 * Lengths count Unicode code points, not UTF-16 units, so an emoji is one character.
 */
public final class ArticleValidator {

    public static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_QUESTIONS = Article.MAX_QUESTIONS;
    static final int MAX_TAGS = 20;
    public static final int MAX_ENTRY = Article.MAX_ENTRY;
    /** Category is not limited by the protocol; the same cap as for a tag keeps keys and pages sane. */
    static final int MAX_CATEGORY = 300;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}");

    private ArticleValidator() {}

    /** Whether a text is a well-formed article id; ids that are not can never be stored. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The article tidied, or an {@link ArticleValidationException} with every problem found. */
    public static Article validate(Article article) {
        Article tidy = tidy(article);
        List<Problem> problems = problems(tidy);
        if (!problems.isEmpty()) {
            throw new ArticleValidationException(problems);
        }
        return tidy;
    }

    /** The article with strings trimmed, blank entries dropped and the locale in lower case. */
    public static Article tidy(Article a) {
        Objects.requireNonNull(a, "article");
        String locale = trimToNull(a.locale());
        return new Article(
                trimToNull(a.id()),
                locale == null ? null : locale.toLowerCase(Locale.ROOT),
                trimToNull(a.title()),
                tidy(a.questions()),
                tidy(a.tags()),
                trimToNull(a.category()),
                a.type(),
                trimToNull(a.body()));
    }

    /** Every rule a tidied article breaks; empty when it may be stored. */
    public static List<Problem> problems(Article a) {
        List<Problem> problems = new ArrayList<>();
        if (a.id() == null) {
            problems.add(new Problem("id", "is required"));
        } else if (!isValidId(a.id())) {
            problems.add(new Problem("id",
                    "must be 1 to 100 characters of a-z, 0-9, '-', '_' and '.', starting with a letter or digit"));
        }
        if (a.locale() == null) {
            problems.add(new Problem("locale", "is required"));
        } else if (!LOCALE.matcher(a.locale()).matches()) {
            problems.add(new Problem("locale", "must be a two-letter language code such as de or en"));
        }
        checkText(problems, "title", a.title(), MAX_TITLE, true);
        checkText(problems, "body", a.body(), MAX_BODY, true);
        checkText(problems, "category", a.category(), MAX_CATEGORY, false);
        if (a.type() == null) {
            problems.add(new Problem("type", "is required: faq or troubleshooting"));
        }
        checkList(problems, "questions", a.questions(), MAX_QUESTIONS);
        checkList(problems, "tags", a.tags(), MAX_TAGS);
        return problems;
    }

    private static void checkText(List<Problem> problems, String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new Problem(field, "is required"));
            }
            return;
        }
        int length = length(value);
        if (length > max) {
            problems.add(new Problem(field, "must be at most " + max + " characters, has " + length));
        }
    }

    private static void checkList(List<Problem> problems, String field, List<String> values, int maxEntries) {
        if (values.size() > maxEntries) {
            problems.add(new Problem(field, "must have at most " + maxEntries + " entries, has " + values.size()));
        }
        for (int i = 0; i < values.size(); i++) {
            int length = length(values.get(i));
            if (length > MAX_ENTRY) {
                problems.add(new Problem(field,
                        "entry " + (i + 1) + " must be at most " + MAX_ENTRY + " characters, has " + length));
            }
        }
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static List<String> tidy(List<String> values) {
        List<String> tidy = new ArrayList<>(values.size());
        for (String value : values) {
            String trimmed = trimToNull(value);
            if (trimmed != null) {
                tidy.add(trimmed);
            }
        }
        return tidy;
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
