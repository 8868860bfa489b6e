package io.lotse.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One knowledge-base article: an FAQ answer or a troubleshooting guide, in one language.
 *
 * <p>The same fields appear in an article file's YAML front matter and in the editor API's JSON;
 * {@code body} is the answer in Markdown (for a troubleshooting guide, usually a numbered list of
 * steps). Values are checked by {@link KnowledgeBase} when stored, not here, so that a malformed
 * article can still be reported field by field.
 */
public record Article(
        String id,
        String locale,
        String title,
        List<String> questions,
        List<String> tags,
        String category,
        ArticleType type,
        String body) {

    /** The most example questions an article may have. */
    public static final int MAX_QUESTIONS = 500;
    /** The longest example question or tag, in characters (code points). */
    public static final int MAX_ENTRY = 300;

    /** Copies the lists; a {@code null} list or list entry (as hostile JSON may send) is left out. */
    public Article {
        questions = withoutNulls(questions);
        tags = withoutNulls(tags);
    }

    /** The same article under another id (used when the id comes from the URL). */
    public Article withId(String newId) {
        return new Article(newId, locale, title, questions, tags, category, type, body);
    }

    public boolean isTroubleshooting() {
        return Objects.equals(type, ArticleType.TROUBLESHOOTING);
    }

    private static List<String> withoutNulls(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
