package io.lotse.knowledge.articles;

import io.lotse.knowledge.Article;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared store of articles that every node reads from, and the channel on which nodes tell
 * each other which article changed.
 *
 * <p>The store is the source of truth; each node's index is rebuilt from it. Each write changes the
 * article and the list of ids together or not at all.
 */
public interface ArticleStore {

    Optional<Article> get(String id);

    /** The stored articles with these ids; ids without an article are left out. */
    List<Article> getAll(Collection<String> ids);

    /** Every stored article, in no particular order. */
    List<Article> all();

    /** Stores an article, replacing one with the same id; {@code true} if it was new. */
    boolean save(Article article);

    /** Stores an article only if no article has its id; {@code false} (and no change) otherwise. */
    boolean create(Article article);

    /** Removes an article; {@code false} if there was none. */
    boolean delete(String id);

    /** Tells every node, this one included, that the article with this id changed or was removed. */
    void publishChange(String id);

    /**
     * Listens for changes published by any node.
     *
     * @param onChange called with an article id, on a thread of the store's client: must not block
     * @param onMissedChanges called when changes may have been missed (after a lost connection)
     * @return stops listening
     */
    AutoCloseable subscribe(Consumer<String> onChange, Runnable onMissedChanges);

    /**
     * Records that the bundled samples were imported, once per store.
     *
     * @return {@code true} for the first caller only
     */
    boolean markSamplesImported();

    /** Forgets the mark, so that a failed sample import is tried again at the next start. */
    void unmarkSamplesImported();
}
