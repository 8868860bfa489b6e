package io.lotse.knowledge;

import java.util.List;

/**
 * Finds the articles that best answer a customer's text, best first.
 *
 * <p>The seam between the conversation engine and the index: the engine decides, the retriever
 * only ranks. One call per customer message; implementations must be thread-safe.
 */
@FunctionalInterface
public interface Retriever {

    /**
     * Ranks articles of one language for a query.
     *
     * @param query the customer's text as typed
     * @param locale the language to search ({@code de}, {@code en}, …); articles of other languages are ignored
     * @param limit the most hits to return
     * @return hits, best first, one per article; empty when nothing matches
     */
    List<SearchHit> search(String query, String locale, int limit);

    /**
     * Whether any article is in this language. The engine does not switch a conversation to a
     * language without articles: a German-only site answers an English-looking message from its
     * German articles rather than from none.
     *
     * @param locale a language such as {@code de} or {@code en}
     * @return {@code true} unless the retriever knows it has no article in that language
     */
    default boolean hasArticlesIn(String locale) {
        return true;
    }

    /**
     * The articles whose title or one of whose example questions is this text, up to case,
     * punctuation, spacing and the spelling of umlauts ("Internet geht nicht!" is "internet geht
     * nicht"); articles of every language, ordered by id. No search: a lookup of what editors wrote.
     *
     * @param text the customer's text
     * @return usually one article or none; more when editors gave several articles the same question
     */
    default List<Article> knownQuestion(String text) {
        return List.of();
    }
}
