package io.lotse.knowledge;

/** An article with that id exists already (on create). */
public class ArticleConflictException extends RuntimeException {

    private final String articleId;

    public ArticleConflictException(String articleId, String message) {
        super(message);
        this.articleId = articleId;
    }

    public String articleId() {
        return articleId;
    }
}
