package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.HeldOutQuestion;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.analysis.CompoundDictionary;
import io.lotse.knowledge.analysis.LocaleAnalyzers;
import io.lotse.knowledge.analysis.TypoCorrection;
import io.lotse.knowledge.classifier.SoftmaxHead;
import io.lotse.knowledge.embeddings.Embedder;
import io.lotse.knowledge.embeddings.QueryCache;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * This node's Lucene index of the articles: one writer, one searcher manager refreshed by a
 * background thread, BM25 over one text document per article, HNSW over one vector document per
 * title and example question, and a trained classifier per language; a search fuses the three
 * ({@link FusedSearch}).
 *
 * <p>Every change waits until it is searchable before returning (the classifier follows a few
 * seconds later, see {@link ArticleHeads}, except for builds and imports, which train it first). Text fields carry the language in their name
 * ({@code title.de}) so that the writer analyzes each with its language's analyzer, and a query
 * only ever meets terms analyzed the same way. Beside the index an in-memory map holds each article
 * with its analyzed terms and phrase vectors, which answers hits, coverage, exact cosines and the
 * matched question without stored fields. Searches are lock-free; changes are serialized.
 */
public final class ArticleIndex implements Closeable {

    static final String ID = ArticleDocuments.ID;
    static final String LOCALE = ArticleDocuments.LOCALE;

    /** Customer messages are at most 2000 characters; editors may paste more into the test console. */
    private static final int MAX_QUERY_CHARS = 4000;
    private static final int MAX_HITS = 100;

    private final Directory directory;
    private final LocaleAnalyzers analyzers;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final Map<String, IndexedArticle> articles = new ConcurrentHashMap<>();
    /** The languages of the indexed articles, sorted, replaced after each write: asked once per customer message. */
    private volatile SortedSet<String> languages = Collections.emptySortedSet();
    /** The indexed articles' titles and example questions, replaced after each write like {@link #languages}. */
    private volatile KnownQuestions known = KnownQuestions.EMPTY;
    private final Object changeLock = new Object();
    private final Embedder embedder;
    private final EmbeddingSettings settings;
    private final ArticleHeads heads;
    private final SoftmaxHead.Training training;
    /** Whether queries are searched with their typos corrected ({@link io.lotse.knowledge.analysis.TypoCorrection}); off only to compare. */
    private final boolean correctTypos;
    /** Counts changes; a classifier trained on an older count never replaces a newer one. */
    private long version;
    /** Counts changes and new classifiers: a cached result of an older generation is stale. */
    private final AtomicLong generation = new AtomicLong();
    /**
     * The hits of recent searches: a repeated question skips BM25, HNSW and fusion too, which
     * together cost about half a millisecond on 15,000 questions without the Vector API.
     */
    private final QueryCache<CachedHits> results;
    /** The nearest known words of recent misspellings, as many as queries are kept. */
    private final TypoCorrection.Memory typos;
    private volatile boolean closed;

    private ArticleIndex(Directory directory, LocaleAnalyzers analyzers, IndexWriter writer, SearcherManager searchers,
            Embedder embedder, EmbeddingSettings settings, SoftmaxHead.Training training, boolean correctTypos) {
        this.directory = directory;
        this.correctTypos = correctTypos;
        this.analyzers = analyzers;
        this.writer = writer;
        this.searchers = searchers;
        this.embedder = embedder;
        this.settings = settings;
        this.training = training;
        this.heads = new ArticleHeads(this::trainingSet, training, generation::incrementAndGet);
        this.results = new QueryCache<>(embedder == null ? 0 : settings.queryCacheSize());
        this.typos = new TypoCorrection.Memory(settings.queryCacheSize());
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.0);
        reopener.setName("lotse-kb-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Creates an empty index in a folder, replacing whatever index was there.
     *
     * <p>Redis holds the articles, so the folder is a cache: starting empty is always right. The
     * embedding model is loaded here (once per JVM), before any article is indexed.
     */
    public static ArticleIndex create(Path folder, EmbeddingSettings settings) {
        return create(folder, settings, SoftmaxHead.Training.DEFAULT);
    }

    static ArticleIndex create(Path folder, EmbeddingSettings settings, SoftmaxHead.Training training) {
        return create(folder, settings, training, true);
    }

    /** An index that searches queries as typed without {@code correctTypos}: to measure what the correction does. */
    static ArticleIndex create(Path folder, EmbeddingSettings settings, SoftmaxHead.Training training, boolean correctTypos) {
        Embedder embedder = Embedder.of(settings);
        Directory directory = null;
        IndexWriter writer = null;
        LocaleAnalyzers analyzers = new LocaleAnalyzers();
        try {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder);
            // A larger buffer than the default 16 MB: a full build writes every vector once instead of merging small segments.
            IndexWriterConfig config = new IndexWriterConfig(analyzers.perField()).setOpenMode(OpenMode.CREATE).setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, config);
            return new ArticleIndex(directory, analyzers, writer, new SearcherManager(writer, null), embedder, settings, training,
                    correctTypos);
        } catch (IOException e) {
            closeQuietly(writer);
            analyzers.close();
            closeQuietly(directory);
            throw new UncheckedIOException("cannot open the article index in " + folder, e);
        }
    }

    /**
     * Makes the index hold exactly these articles (unchanged ones are not reindexed) and trains
     * the classifiers of the changed languages before returning.
     */
    void replaceAll(Collection<Article> all) {
        Set<String> keep = new HashSet<>();
        all.forEach(article -> keep.add(article.id()));
        List<String> gone = articles.keySet().stream().filter(id -> !keep.contains(id)).toList();
        Set<String> changed = apply(all, gone);
        if (embedder != null) {
            Set<String> untrained = new TreeSet<>(changed);
            languages.stream().filter(locale -> heads.head(locale) == null).forEach(untrained::add);
            heads.trainNow(untrained);
        }
    }

    /** Adds or replaces articles; they are searchable when this returns, the classifier follows. */
    public void upsert(Collection<Article> changed) {
        trainLater(apply(changed, List.of()));
    }

    /**
     * Adds or replaces articles and trains the classifiers of the changed languages on the calling
     * thread, as a build does: for imports, which must be fully ready when they return.
     */
    public void upsertAndTrain(Collection<Article> changed) {
        Set<String> locales = apply(changed, List.of());
        if (embedder != null) {
            heads.trainNow(locales);
        }
    }

    /** Removes articles by id (unknown ids are ignored); gone from searches when this returns. */
    public void delete(Collection<String> ids) {
        trainLater(apply(List.of(), ids));
    }

    /** Waits until the classifiers retrained after the changes so far are in use, without a time limit. */
    public void awaitClassifiers() {
        awaitClassifiers(Long.MAX_VALUE);
    }

    /**
     * Waits until every language's classifier has been trained on the changes applied so far (or
     * its training failed, which is logged); {@code false} when the time ran out or the index closed.
     *
     * @param timeoutNanos the longest wait; {@link Long#MAX_VALUE} for no limit
     */
    public boolean awaitClassifiers(long timeoutNanos) {
        try {
            return heads.awaitCurrent(timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the classifiers", e);
        }
    }

    /**
     * Searches example questions of one language, each from a state of the index that never held it
     * (see {@link HeldOutSearch}); the live index, its caches and heads are only read.
     */
    public List<HeldOutQuestion> heldOutQuestions(String locale, int folds, long seed, int limit) {
        List<IndexedArticle> ofLocale;
        IndexSearcher searcher;
        synchronized (changeLock) {
            if (closed) {
                throw new IllegalStateException("the article index is closed");
            }
            // Under the change lock the searcher shows exactly these articles: every change waits until searchable.
            ofLocale = ofLocale(locale);
            searcher = acquire();
        }
        try {
            HeldOutSearch search = new HeldOutSearch(locale, ofLocale, searcher.getIndexReader(), settings.fusionFor(locale),
                    embedder == null ? null : training);
            return search.run(folds, seed, limit);
        } finally {
            release(searcher);
        }
    }

    public int size() {
        return articles.size();
    }

    /** How many articles of each language the index holds, by language. */
    public SortedMap<String, Integer> sizeByLanguage() {
        SortedMap<String, Integer> sizes = new TreeMap<>();
        articles.values().forEach(each -> sizes.merge(each.article().locale(), 1, Integer::sum));
        return sizes;
    }

    /** The languages of the indexed articles, sorted. */
    public SortedSet<String> languages() {
        return languages;
    }

    /** Grows with every change and every new classifier: equal values mean nothing has changed in between. */
    public long generation() {
        return generation.get();
    }

    /** Whether an indexed article is in this language (lower case, as articles store it). */
    public boolean hasArticlesIn(String locale) {
        return locale != null && languages.contains(locale);
    }

    /** The articles, of every language, whose title or an example question this text is (see {@link KnownQuestions}). */
    public List<Article> knownQuestion(String text) {
        return known.articles(text);
    }

    Set<String> ids() {
        return Set.copyOf(articles.keySet());
    }

    public boolean isOpen() {
        return !closed;
    }

    /** The embedder in use; {@code null} without embeddings. */
    Embedder embedder() {
        return embedder;
    }

    /**
     * Ranks the articles of one language for a text; with a {@code null} locale every language is
     * searched and the hits merged by score. The text is embedded at most once.
     */
    public List<SearchHit> search(String text, String locale, int limit) {
        if (closed) {
            throw new IllegalStateException("the article index is closed");
        }
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        String query = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        int max = Math.min(limit, MAX_HITS);
        String language = locale == null || locale.isBlank() ? null : locale.strip().toLowerCase(Locale.ROOT);
        // Read before searching: a change meanwhile leaves the stored result stale, never wrong.
        long current = generation.get();
        String key = query.length() > Embedder.MAX_CHARS ? null : Embedder.tidy(query) + '\n' + language + '\n' + max;
        CachedHits cached = key == null ? null : results.get(key);
        if (cached != null && cached.generation() == current) {
            return cached.hits();
        }
        List<SearchHit> hits = List.copyOf(searchUncached(query, language, max));
        if (key != null) {
            results.put(key, new CachedHits(current, hits));
        }
        return hits;
    }

    private record CachedHits(long generation, List<SearchHit> hits) {}

    private List<SearchHit> searchUncached(String query, String locale, int max) {
        QueryVector vector = new QueryVector(query);
        if (locale != null) {
            return searchLocale(query, vector, locale, max);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (String each : languages) {
            hits.addAll(searchLocale(query, vector, each, max));
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.size() > max ? hits.subList(0, max) : hits;
    }

    /** The query's vector, computed on first use, so a query in no indexed language costs no embedding. */
    private final class QueryVector implements Supplier<float[]> {

        private final String text;
        private float[] vector;

        QueryVector(String text) {
            this.text = text;
        }

        @Override
        public float[] get() {
            if (vector == null) {
                vector = embedder.embedQuery(text);
            }
            return vector;
        }
    }

    private List<SearchHit> searchLocale(String text, QueryVector vector, String locale, int limit) {
        IndexSearcher searcher = acquire();
        try {
            FusedSearch.State state = new FusedSearch.State(searcher, articles::get, heads.head(locale), settings.fusionFor(locale), typos);
            // One analyzer for the whole query, even if a change swaps the German one meanwhile.
            Function<String, float[]> vectorOf = embedder == null
                    ? null
                    : searched -> searched.equals(text) ? vector.get() : embedder.embedQuery(searched);
            return FusedSearch.search(state, analyzers.forLocale(locale), correctTypos ? analyzers.writtenWords() : null, text,
                    vectorOf, locale, limit);
        } finally {
            release(searcher);
        }
    }

    /** One language's classifier training set: every title and example question, labelled by article id. */
    private ArticleHeads.TrainingSet trainingSet(String locale) {
        synchronized (changeLock) {
            return ArticleHeads.TrainingSet.of(version, ofLocale(locale));
        }
    }

    /** The indexed articles of one language, by id; call with the change lock held for a consistent set. */
    private List<IndexedArticle> ofLocale(String locale) {
        return articles.values().stream()
                .filter(each -> each.article().locale().equals(locale))
                .sorted(Comparator.comparing(each -> each.article().id()))
                .toList();
    }

    private void trainLater(Set<String> locales) {
        if (embedder != null && !locales.isEmpty()) {
            heads.trainLater(locales);
        }
    }

    /** Applies a change; returns the languages whose articles changed. */
    private Set<String> apply(Collection<Article> upserts, Collection<String> deletes) {
        synchronized (changeLock) {
            if (closed) {
                throw new IllegalStateException("the article index is closed");
            }
            Map<String, Article> changed = new LinkedHashMap<>();
            for (Article article : upserts) {
                IndexedArticle current = articles.get(article.id());
                if (current == null || !current.article().equals(article)) {
                    changed.put(article.id(), article);
                }
            }
            Set<String> removed = new TreeSet<>();
            for (String id : deletes) {
                if (articles.containsKey(id) && !changed.containsKey(id)) {
                    removed.add(id);
                }
            }
            if (changed.isEmpty() && removed.isEmpty()) {
                return Set.of();
            }
            Set<String> locales = new TreeSet<>();
            changed.values().forEach(article -> locales.add(article.locale()));
            changed.keySet().forEach(id -> addLocaleOf(id, locales));
            removed.forEach(id -> addLocaleOf(id, locales));
            try {
                write(changed, removed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the article index", e);
            }
            version++;
            generation.incrementAndGet();
            if (embedder != null) {
                heads.changed(locales, version);
            }
            return locales;
        }
    }

    private void addLocaleOf(String id, Set<String> locales) {
        IndexedArticle current = articles.get(id);
        if (current != null) {
            locales.add(current.article().locale());
        }
    }

    private void write(Map<String, Article> changed, Set<String> removed) throws IOException {
        Map<String, Set<String>> newWords = new HashMap<>();
        for (Article article : changed.values()) {
            newWords.put(article.id(), analyzers.splitsCompounds(article.locale())
                    ? CompoundDictionary.wordsOf(analyzers.wordsAnalyzer(), article)
                    : Set.of());
        }
        Map<String, List<float[]>> newVectors = vectorsOf(changed.values());
        Set<String> reindex = updateDictionaries(changed, removed, newWords);
        long sequence = -1;
        for (Article article : changed.values()) {
            sequence = index(article, newWords.get(article.id()), newVectors.get(article.id()));
        }
        for (String id : reindex) {
            IndexedArticle current = articles.get(id);
            sequence = index(current.article(), current.words(), current.vectors());
        }
        for (String id : removed) {
            sequence = writer.deleteDocuments(new Term(ID, id));
            articles.remove(id);
        }
        SortedSet<String> now = new TreeSet<>();
        articles.values().forEach(each -> now.add(each.article().locale()));
        languages = Collections.unmodifiableSortedSet(now);
        known = KnownQuestions.of(articles.values().stream().map(IndexedArticle::article).toList());
        try {
            reopener.waitForGeneration(sequence);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the change became searchable", e);
        }
    }

    /**
     * The phrase vectors of changed articles: a title or question the article had before keeps its
     * vector, only new texts are embedded, all in one batch.
     */
    private Map<String, List<float[]>> vectorsOf(Collection<Article> changed) {
        Map<String, List<float[]>> vectors = new HashMap<>();
        if (embedder == null) {
            changed.forEach(article -> vectors.put(article.id(), List.of()));
            return vectors;
        }
        Map<String, float[]> known = new HashMap<>();
        for (Article article : changed) {
            IndexedArticle current = articles.get(article.id());
            if (current != null && !current.vectors().isEmpty()) {
                for (int i = 0; i < current.phrases().size(); i++) {
                    known.put(current.phrases().get(i).text(), current.vectors().get(i));
                }
            }
        }
        List<String> missing = new ArrayList<>(new TreeSet<>(changed.stream()
                .flatMap(article -> IndexedArticle.phraseTexts(article).stream())
                .filter(text -> !known.containsKey(text))
                .toList()));
        List<float[]> embedded = embedder.embedAll(missing);
        for (int i = 0; i < missing.size(); i++) {
            known.put(missing.get(i), embedded.get(i));
        }
        for (Article article : changed) {
            vectors.put(article.id(), IndexedArticle.phraseTexts(article).stream().map(known::get).toList());
        }
        return vectors;
    }

    /**
     * Rebuilds the compound dictionary of each language touched by a change and returns the
     * unchanged articles whose words it splits differently now, which must be reindexed.
     */
    private Set<String> updateDictionaries(Map<String, Article> changed, Set<String> removed, Map<String, Set<String>> newWords) {
        Set<String> locales = new HashSet<>();
        changed.values().forEach(article -> locales.add(article.locale()));
        for (String id : changed.keySet()) {
            IndexedArticle current = articles.get(id);
            if (current != null) {
                locales.add(current.article().locale());
            }
        }
        removed.forEach(id -> locales.add(articles.get(id).article().locale()));
        Set<String> reindex = new TreeSet<>();
        for (String locale : locales) {
            if (!analyzers.splitsCompounds(locale)) {
                continue;
            }
            Set<String> dictionary = new HashSet<>();
            List<IndexedArticle> unchanged = new ArrayList<>();
            for (IndexedArticle each : articles.values()) {
                String id = each.article().id();
                if (each.article().locale().equals(locale) && !changed.containsKey(id) && !removed.contains(id)) {
                    dictionary.addAll(each.words());
                    unchanged.add(each);
                }
            }
            changed.values().stream()
                    .filter(article -> article.locale().equals(locale))
                    .forEach(article -> dictionary.addAll(newWords.get(article.id())));
            Set<String> before = analyzers.dictionary(locale);
            if (dictionary.equals(before)) {
                continue;
            }
            Set<String> difference = new HashSet<>(dictionary);
            difference.addAll(before);
            Set<String> common = new HashSet<>(dictionary);
            common.retainAll(before);
            difference.removeAll(common);
            analyzers.useDictionary(locale, dictionary);
            for (IndexedArticle each : unchanged) {
                if (CompoundDictionary.affects(each.words(), difference)) {
                    reindex.add(each.article().id());
                }
            }
        }
        return reindex;
    }

    private long index(Article article, Set<String> words, List<float[]> vectors) throws IOException {
        Analyzer analyzer = analyzers.forLocale(article.locale());
        IndexedArticle indexed = IndexedArticle.of(article, analyzer, words, vectors);
        long sequence = writer.updateDocuments(new Term(ID, article.id()), ArticleDocuments.of(article, vectors));
        articles.put(article.id(), indexed);
        return sequence;
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the refresh thread, then closes searchers, writer and folder; a second call does nothing. */
    @Override
    public void close() {
        synchronized (changeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        reopener.close();
        heads.close();
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the article index", e);
        } finally {
            analyzers.close();
            closeQuietly(directory);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // closing after a failure; the first problem is the one worth reporting
        }
    }
}
