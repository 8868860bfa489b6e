package io.lotse.web.editor;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.ArticleValidationException;
import java.util.List;

/** An article as the editor API reads and writes it: the front-matter fields plus {@code body}. */
record ArticleJson(
        String id,
        String locale,
        String title,
        List<String> questions,
        List<String> tags,
        String category,
        String type,
        String body) {

    static ArticleJson of(Article article) {
        return new ArticleJson(article.id(), article.locale(), article.title(), article.questions(), article.tags(),
                article.category(), article.type() == null ? null : article.type().externalName(), article.body());
    }

    /** The article this JSON describes; a {@code type} other than faq or troubleshooting is a validation problem. */
    Article toArticle() {
        ArticleType articleType = ArticleType.fromExternalName(type);
        if (type != null && articleType == null) {
            throw new ArticleValidationException(List.of(
                    new ArticleValidationException.Problem("type", "must be faq or troubleshooting")));
        }
        return new Article(id, locale, title, questions, tags, category, articleType, body);
    }
}
