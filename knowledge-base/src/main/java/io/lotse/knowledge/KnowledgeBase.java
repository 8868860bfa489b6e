package io.lotse.knowledge;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.knowledge.ArticleValidationException.Problem;
import io.lotse.knowledge.articles.ArticleImporter;
import io.lotse.knowledge.articles.ArticleStore;
import io.lotse.knowledge.articles.ArticleValidator;
import io.lotse.knowledge.articles.RedisArticleStore;
import io.lotse.knowledge.index.ArticleIndex;
import io.lotse.knowledge.index.IndexSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base of one node: the articles, shared by all nodes in Redis, and this node's own
 * Lucene index of them, which answers searches.
 *
 * <p>Reads of articles go to Redis; searches never do, so the bot keeps answering while Redis is
 * unreachable. Every write is validated first and changes nothing when invalid; when it returns,
 * the change is stored, searchable on this node and announced to the others, which apply it
 * within moments. Thread-safe; the caller owns the Redis connections and closes them after this.
 */
public final class KnowledgeBase implements Retriever, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final String SAMPLES = "samples/";

    private final ArticleStore store;
    private final ArticleIndex index;
    private final IndexSync sync;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KnowledgeBase(ArticleStore store, ArticleIndex index, IndexSync sync) {
        this.store = store;
        this.index = index;
        this.sync = sync;
    }

    /**
     * Opens the knowledge base: subscribes to the other nodes' changes, then builds the index
     * from the articles in Redis.
     *
     * <p>Whatever index was in {@code settings.indexDir()} is replaced; the folder must not be used
     * by another open knowledge base. The embedding model is loaded (once per JVM), every title and
     * example question embedded and each language's classifier trained before this returns: for
     * 15,000 example questions that takes well under a minute and a half on two cores.
     *
     * @param redis for reading and writing articles; shared, never used for blocking commands
     * @param pubSub for the change channel; other subscriptions on it are left alone
     */
    public static KnowledgeBase open(KnowledgeBaseSettings settings, StatefulRedisConnection<String, String> redis,
            StatefulRedisPubSubConnection<String, String> pubSub) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(pubSub, "pubSub");
        ArticleStore store = new RedisArticleStore(settings.keyPrefix(), redis, pubSub);
        ArticleIndex index = ArticleIndex.create(settings.indexDir(), settings.embeddings());
        IndexSync sync = new IndexSync(store, index);
        try {
            sync.start();
        } catch (RuntimeException e) {
            sync.close();
            index.close();
            throw e;
        }
        log.info("Knowledge base ready with {} articles", index.size());
        return new KnowledgeBase(store, index, sync);
    }

    /** Every article, or those of one language ({@code null}: all), ordered by id; read from Redis. */
    public List<Article> list(String locale) {
        String wanted = locale == null || locale.isBlank() ? null : locale.strip().toLowerCase(Locale.ROOT);
        return store.all().stream()
                .filter(article -> wanted == null || wanted.equals(article.locale()))
                .sorted(Comparator.comparing(Article::id))
                .toList();
    }

    /** The article with this id, read from Redis; empty for an unknown or malformed id. */
    public Optional<Article> get(String id) {
        return ArticleValidator.isValidId(id) ? store.get(id) : Optional.empty();
    }

    /**
     * Stores a new article.
     *
     * @return the article as stored (trimmed, blank list entries dropped, locale in lower case)
     * @throws ArticleValidationException with every problem, when the article breaks a rule
     * @throws ArticleConflictException when an article with its id exists
     */
    public Article create(Article article) {
        Article valid = ArticleValidator.validate(article);
        sync.lock();
        try {
            if (!store.create(valid)) {
                throw new ArticleConflictException(valid.id(), "An article with the id '" + valid.id() + "' exists already.");
            }
            indexThenPublish(List.of(valid));
        } finally {
            sync.unlock();
        }
        return valid;
    }

    /**
     * Creates or replaces the article with this id.
     *
     * <p>An article without an id takes {@code id}; one with another id is refused with a problem on
     * the field {@code id}, together with any other problems.
     *
     * @return {@code true} if the article was created, {@code false} if it replaced one
     * @throws ArticleValidationException with every problem, when the article breaks a rule
     */
    public boolean put(String id, Article article) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(article, "article");
        Article valid = validateFor(id, article.id() == null || article.id().isBlank() ? article.withId(id) : article);
        sync.lock();
        try {
            boolean created = store.save(valid);
            indexThenPublish(List.of(valid));
            return created;
        } finally {
            sync.unlock();
        }
    }

    /**
     * Removes an article.
     *
     * @throws ArticleNotFoundException when there is none with this id
     */
    public void delete(String id) {
        if (!ArticleValidator.isValidId(id)) {
            throw notFound(id);
        }
        sync.lock();
        try {
            if (!store.delete(id)) {
                throw notFound(id);
            }
            try {
                index.delete(List.of(id));
            } finally {
                store.publishChange(id);
            }
        } finally {
            sync.unlock();
        }
    }

    /**
     * Imports every {@code *.md} article file below a folder, as an upsert by id.
     *
     * <p>A file that cannot be read, is malformed or shares its id with another file of the import
     * is reported and imports nothing; the others are stored. Folders and files whose name starts
     * with a dot are skipped. Unlike a single write, an import returns only when the classifiers
     * are trained on it too (see {@link #awaitClassifiers()}): what is imported at start-up is
     * fully ready.
     *
     * @throws IllegalArgumentException when {@code folder} is not a folder
     */
    public ImportReport importDirectory(Path folder) {
        return store(ArticleImporter.fromFolder(folder));
    }

    /**
     * Imports the sample articles bundled with this module, once per Redis.
     *
     * <p>A marker in Redis records the first import, so that samples an editor deleted are not
     * brought back by the next start; later calls import nothing and report no problem. Returns,
     * like {@link #importDirectory}, when the classifiers are trained.
     */
    public ImportReport importSamples() {
        return importSamples(SAMPLES);
    }

    /** Imports the articles listed in {@code <base>index.txt} beside this class, once per Redis. */
    ImportReport importSamples(String base) {
        Optional<ArticleImporter.Result> samples = ArticleImporter.fromClasspath(KnowledgeBase.class, base);
        if (samples.isEmpty()) {
            return new ImportReport(0, List.of(new ImportReport.ImportProblem(base + "index.txt", "no sample articles are bundled")));
        }
        if (!store.markSamplesImported()) {
            log.debug("Sample articles were imported before; not importing them again");
            index.awaitClassifiers();
            return new ImportReport(0, List.of());
        }
        try {
            return store(samples.get());
        } catch (RuntimeException e) {
            store.unmarkSamplesImported();
            throw e;
        }
    }

    /** Whether the index is built and open; searches work from then on, even without Redis. */
    public boolean isReady() {
        return !closed.get() && index.isOpen();
    }

    /** How many articles this node's index holds. */
    public int size() {
        return index.size();
    }

    /** How many articles of each language this node's index holds, by language; read from the index, not from Redis. */
    public SortedMap<String, Integer> sizeByLanguage() {
        return index.sizeByLanguage();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only this node's index is asked; a query without significant words (only stop words, for
     * example) finds nothing. A {@code null} locale searches every language. Hits are ranked by
     * the fused score of BM25, embedding similarity and the trained classifier, whose signals each
     * hit carries for calibration; an article is a hit when a query word matched it or its
     * similarity reaches the language's {@link FusionWeights#minCosine()}. The text is embedded at
     * most once, and a recently asked text not at all.
     */
    @Override
    public List<SearchHit> search(String query, String locale, int limit) {
        return index.search(query, locale, limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asks this node's index, without a search; an article is known here as soon as a write
     * returns or another node's change is applied, like its search.
     */
    @Override
    public List<Article> knownQuestion(String text) {
        return index.knownQuestion(text);
    }

    /** The languages of this node's articles, sorted; read from the index, not from Redis. */
    public SortedSet<String> languages() {
        return index.languages();
    }

    /**
     * Grows with every change this node's index applies (its own writes and other nodes') and every
     * retrained classifier: a value seen again means nothing changed in between.
     */
    public long generation() {
        return index.generation();
    }

    /** {@inheritDoc} Asks this node's index, without a search. */
    @Override
    public boolean hasArticlesIn(String locale) {
        return index.hasArticlesIn(locale);
    }

    /**
     * Waits until every language's classifier reflects all changes this node has applied so far:
     * its own writes and those of other nodes it has received.
     *
     * <p>A single write returns as soon as the article is searchable and its language's classifier
     * is retrained in the background a few seconds later, during which the article's
     * {@link SearchHit#probability()} is 0; this waits for that. A training that failed (logged)
     * counts as done, and a closed knowledge base waits for nothing.
     *
     * @throws IllegalStateException when the thread is interrupted while waiting (its interrupt flag is set again)
     */
    public void awaitClassifiers() {
        index.awaitClassifiers();
    }

    /**
     * Like {@link #awaitClassifiers()}, for at most {@code timeout}.
     *
     * @return whether the classifiers reflect all changes so far; {@code false} when the time ran
     *     out or the knowledge base was closed first
     */
    public boolean awaitClassifiers(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return index.awaitClassifiers(nanos);
    }

    /**
     * Searches a sample of one language's example questions, each as if a customer had asked it of
     * a knowledge base that never had it: material for calibrating a confidence.
     *
     * <p>The sampled questions are split into {@code folds} folds; for each fold a temporary state is
     * built without the fold's questions (a BM25 index in memory, the live vectors minus theirs, a
     * classifier trained without them) and each of them searched with the same fusion as
     * {@link #search} and a limit of 5. Only articles with at least two distinct example questions
     * take part, and each keeps at least one in every fold; a question equal to its article's title
     * is not sampled. Nothing is embedded again, and the live index, its caches and classifiers are
     * not changed, so searches go on meanwhile (sharing the CPU: for 15,000 questions expect
     * seconds per fold, mostly training the fold's classifier). The same articles and seed give the
     * same result.
     *
     * @param locale the language ({@code de}, {@code en}, …)
     * @param folds how many folds, at least 2: each question is searched by a state built from
     *     the other {@code folds − 1} folds' questions and every question that was not sampled
     * @param seed chooses the sample
     * @param limit the most questions to return, at least 1
     * @return the questions, ordered by article id and then as in the article; empty for a
     *     language without articles
     * @throws IllegalArgumentException for a blank locale, fewer than 2 folds or a limit below 1
     */
    public List<HeldOutQuestion> heldOutQuestions(String locale, int folds, long seed, int limit) {
        if (locale == null || locale.isBlank()) {
            throw new IllegalArgumentException("locale is required");
        }
        return index.heldOutQuestions(locale.strip().toLowerCase(Locale.ROOT), folds, seed, limit);
    }

    /** Stops listening for changes and closes the index; the Redis connections stay open. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sync.close();
            } finally {
                index.close();
            }
        }
    }

    /** Stores and indexes an import, training the classifiers before it returns. */
    private ImportReport store(ArticleImporter.Result result) {
        List<Article> articles = result.articles();
        if (!articles.isEmpty()) {
            sync.lock();
            try {
                articles.forEach(store::save);
                indexThenPublish(articles, index::upsertAndTrain);
            } finally {
                sync.unlock();
            }
        }
        // The languages the import changed are trained; this waits for any other retraining under way.
        index.awaitClassifiers();
        result.problems().forEach(problem -> log.warn("Article file {} not imported: {}", problem.file(), problem.problem()));
        return new ImportReport(articles.size(), result.problems());
    }

    private void indexThenPublish(List<Article> articles) {
        indexThenPublish(articles, index::upsert);
    }

    /** Announces the change even when this node's index failed, so that the other nodes still see it. */
    private void indexThenPublish(List<Article> articles, Consumer<List<Article>> indexing) {
        try {
            indexing.accept(articles);
        } finally {
            articles.forEach(article -> store.publishChange(article.id()));
        }
    }

    private static Article validateFor(String id, Article article) {
        Article tidy = ArticleValidator.tidy(article);
        List<Problem> problems = new ArrayList<>(ArticleValidator.problems(tidy));
        if (!id.equals(tidy.id())) {
            problems.add(new Problem("id", "must be the id in the path, '" + id + "', not '" + tidy.id() + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ArticleValidationException(problems);
        }
        return tidy;
    }

    private static ArticleNotFoundException notFound(String id) {
        return new ArticleNotFoundException(id, "There is no article with the id '" + id + "'.");
    }
}
