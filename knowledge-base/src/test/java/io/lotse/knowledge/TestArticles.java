package io.lotse.knowledge;

import java.util.List;

/** Articles for tests. */
public final class TestArticles {

    private TestArticles() {}

    /** An FAQ article in category {@code general}, without tags. */
    public static Article faq(String id, String locale, String title, List<String> questions, String body) {
        return new Article(id, locale, title, questions, List.of(), "general", ArticleType.FAQ, body);
    }
}
