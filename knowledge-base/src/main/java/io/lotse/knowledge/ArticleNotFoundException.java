package io.lotse.knowledge;

/** No article has the id that was asked for. */
public class ArticleNotFoundException extends RuntimeException {

    private final String articleId;

    public ArticleNotFoundException(String articleId, String message) {
        super(message);
        this.articleId = articleId;
    }

    public String articleId() {
        return articleId;
    }
}
