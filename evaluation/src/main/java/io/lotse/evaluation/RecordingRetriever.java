package io.lotse.evaluation;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.util.List;

/** Passes searches on and remembers the last hits, so a report can show what the engine saw. Not thread-safe. */
final class RecordingRetriever implements Retriever {

    private final Retriever retriever;
    private List<SearchHit> last = List.of();

    RecordingRetriever(Retriever retriever) {
        this.retriever = retriever;
    }

    @Override
    public List<SearchHit> search(String query, String locale, int limit) {
        List<SearchHit> hits = retriever.search(query, locale, limit);
        last = hits == null ? List.of() : hits;
        return hits;
    }

    @Override
    public boolean hasArticlesIn(String locale) {
        return retriever.hasArticlesIn(locale);
    }

    @Override
    public List<Article> knownQuestion(String text) {
        return retriever.knownQuestion(text);
    }

    /** The hits of the last search, then forgets them. */
    List<SearchHit> takeLast() {
        List<SearchHit> hits = last;
        last = List.of();
        return hits;
    }
}
