package io.lotse.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * An example question of the knowledge base searched as if it were a customer's question that the
 * knowledge base had never seen: the hits come from a state of the index trained and built without
 * it (see {@link KnowledgeBase#heldOutQuestions}).
 *
 * <p>Material for calibration: how often the top hit is the expected article, at which signals.
 * The hits' articles are the articles as stored, with all their questions.
 *
 * @param text the example question, as the editor wrote it
 * @param expectedArticleId the id of the article it belongs to
 * @param hits what a search for it returned, best first, with the same signals as {@link KnowledgeBase#search}
 */
public record HeldOutQuestion(String text, String expectedArticleId, List<SearchHit> hits) {

    public HeldOutQuestion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expectedArticleId, "expectedArticleId");
        hits = List.copyOf(hits);
    }
}
