package io.lotse.knowledge.articles;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an article into the JSON stored in Redis and back, with the same field names as the editor
 * API and {@code type} as {@code faq} or {@code troubleshooting}.
 *
 * <p>Goes through its own record rather than {@link Article}, so that the stored format does not
 * change when the public record gains a field, and unknown fields written by a newer node are
 * ignored by an older one.
 */
final class ArticleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Stored(
            String id,
            String locale,
            String title,
            List<String> questions,
            List<String> tags,
            String category,
            String type,
            String body) {}

    private ArticleJson() {}

    static String write(Article a) {
        String type = a.type() == null ? null : a.type().externalName();
        return MAPPER.writeValueAsString(
                new Stored(a.id(), a.locale(), a.title(), a.questions(), a.tags(), a.category(), type, a.body()));
    }

    /** Reads stored JSON; throws {@link tools.jackson.core.JacksonException} when it is not an article. */
    static Article read(String json) {
        Stored s = MAPPER.readValue(json, Stored.class);
        return new Article(s.id(), s.locale(), s.title(), s.questions(), s.tags(), s.category(),
                ArticleType.fromExternalName(s.type()), s.body());
    }
}
