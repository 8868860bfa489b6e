package io.lotse.knowledge;

import io.lotse.knowledge.ArticleDocuments.Match;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * This node's Lucene index of the articles: one writer, one searcher manager refreshed by a
 * background thread, BM25 over one text document per article, HNSW over one vector document per
 * title and example question, and a trained classifier per language; a search fuses the three.
 *
 * <p>Every change waits until it is searchable before returning (the classifier follows a few
 * seconds later, see {@link ArticleHeads}). Text fields carry the language in their name
 * ({@code title.de}) so that the writer analyzes each with its language's analyzer, and a query
 * only ever meets terms analyzed the same way. Beside the index an in-memory map holds each article
 * with its analyzed terms and phrase vectors, which answers hits, coverage, exact cosines and the
 * matched question without stored fields. Searches are lock-free; changes are serialized.
 */
final class ArticleIndex implements Closeable {

    static final String ID = ArticleDocuments.ID;
    static final String LOCALE = ArticleDocuments.LOCALE;

    /** Customer messages are at most 2000 characters; editors may paste more into the test console. */
    private static final int MAX_QUERY_CHARS = 4000;
    /** Keeps the query well under Lucene's 1024-clause limit (terms × fields). */
    private static final int MAX_QUERY_TERMS = 64;
    private static final int MAX_HITS = 100;
    /** How many BM25 hits become candidates for fusion, however few hits are asked for. */
    private static final int LEXICAL_CANDIDATES = 20;
    /**
     * How many nearest vectors are asked of HNSW: questions of one article cluster, so with k = 10
     * the exact nearest one was missed about one time in ten on a 15,000-question index.
     */
    private static final int NEAREST_VECTORS = 50;
    /** The classifier's most probable articles are candidates even when nothing else found them. */
    private static final int HEAD_CANDIDATES = 3;

    private final Directory directory;
    private final LocaleAnalyzers analyzers;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final Map<String, IndexedArticle> articles = new ConcurrentHashMap<>();
    private final Object changeLock = new Object();
    private final Embedder embedder;
    private final EmbeddingSettings settings;
    private final ArticleHeads heads;
    /** Counts changes; a classifier trained on an older count never replaces a newer one. */
    private long version;
    /** Counts changes and new classifiers: a cached result of an older generation is stale. */
    private final AtomicLong generation = new AtomicLong();
    /**
     * The hits of recent searches: a repeated question skips BM25, HNSW and fusion too, which
     * together cost about half a millisecond on 15,000 questions without the Vector API.
     */
    private final LruCache<CachedHits> results;
    private volatile boolean closed;

    private ArticleIndex(Directory directory, LocaleAnalyzers analyzers, IndexWriter writer, SearcherManager searchers,
            Embedder embedder, EmbeddingSettings settings, SoftmaxHead.Training training) {
        this.directory = directory;
        this.analyzers = analyzers;
        this.writer = writer;
        this.searchers = searchers;
        this.embedder = embedder;
        this.settings = settings;
        this.heads = new ArticleHeads(this::trainingSet, training, generation::incrementAndGet);
        this.results = new LruCache<>(embedder == null ? 0 : settings.queryCacheSize());
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
    static ArticleIndex create(Path folder, EmbeddingSettings settings) {
        return create(folder, settings, SoftmaxHead.Training.DEFAULT);
    }

    static ArticleIndex create(Path folder, EmbeddingSettings settings, SoftmaxHead.Training training) {
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
            return new ArticleIndex(directory, analyzers, writer, new SearcherManager(writer, null), embedder, settings, training);
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
            locales().stream().filter(locale -> heads.head(locale) == null).forEach(untrained::add);
            heads.trainNow(untrained);
        }
    }

    /** Adds or replaces articles; they are searchable when this returns, the classifier follows. */
    void upsert(Collection<Article> changed) {
        trainLater(apply(changed, List.of()));
    }

    /** Removes articles by id (unknown ids are ignored); gone from searches when this returns. */
    void delete(Collection<String> ids) {
        trainLater(apply(List.of(), ids));
    }

    /** Waits until the classifiers retrained after the changes so far are in use (tests, evaluations). */
    void awaitClassifiers() {
        heads.awaitTrained();
    }

    int size() {
        return articles.size();
    }

    Set<String> ids() {
        return Set.copyOf(articles.keySet());
    }

    boolean isOpen() {
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
    List<SearchHit> search(String text, String locale, int limit) {
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
        for (String each : locales()) {
            hits.addAll(searchLocale(query, vector, each, max));
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.size() > max ? hits.subList(0, max) : hits;
    }

    /** The query's vector, computed on first use, so a query in no indexed language costs no embedding. */
    private final class QueryVector {

        private final String text;
        private float[] vector;

        QueryVector(String text) {
            this.text = text;
        }

        float[] get() {
            if (vector == null) {
                vector = embedder.embedQuery(text);
            }
            return vector;
        }
    }

    private List<SearchHit> searchLocale(String text, QueryVector vector, String locale, int limit) {
        // One analyzer for the whole query, even if a change swaps the German one meanwhile.
        AnalyzedText query = AnalyzedText.of(analyzers.forLocale(locale), text, MAX_QUERY_TERMS);
        if (query.isEmpty()) {
            // No significant word (only stop words, say): nothing to answer, and no embedding spent.
            return List.of();
        }
        Fusion fusion = new Fusion(embedder == null ? null : vector.get());
        IndexSearcher searcher = acquire();
        try {
            addLexical(fusion, searcher, query, locale, Math.max(limit, LEXICAL_CANDIDATES));
            if (embedder != null) {
                addSemantic(fusion, searcher, vector.get(), locale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
        return fusion.rank(query, settings.fusionFor(locale), limit);
    }

    private void addLexical(Fusion fusion, IndexSearcher searcher, AnalyzedText query, String locale, int depth) throws IOException {
        TopDocs top = searcher.search(ArticleDocuments.lexical(query, locale), depth);
        Match[] matches = ArticleDocuments.matches(searcher, top.scoreDocs);
        for (int i = 0; i < matches.length; i++) {
            IndexedArticle hit = matches[i] == null ? null : articles.get(matches[i].id());
            if (hit != null) { // deleted after this searcher was opened
                fusion.candidate(hit).bm25 = top.scoreDocs[i].score;
            }
        }
    }

    /**
     * Adds the articles of the nearest vectors and the classifier's favourites, and gives every
     * candidate its probability; cosines of the others are left to {@link Fusion#rank}.
     */
    private void addSemantic(Fusion fusion, IndexSearcher searcher, float[] vector, String locale) throws IOException {
        TopDocs near = searcher.search(ArticleDocuments.nearest(vector, locale, NEAREST_VECTORS), NEAREST_VECTORS);
        ScoreDoc[] hits = near.scoreDocs;
        Match[] matches = ArticleDocuments.matches(searcher, hits);
        for (int i = 0; i < hits.length; i++) {
            IndexedArticle hit = matches[i] == null ? null : articles.get(matches[i].id());
            if (hit != null && hit.article().locale().equals(locale)) {
                fusion.candidate(hit).nearer(ArticleDocuments.cosine(hits[i].score), matches[i].phrase());
            }
        }
        // Fewer than k found: every vector of the language was found, and no other candidate has one.
        fusion.cosineBound(hits.length < NEAREST_VECTORS ? -1 : ArticleDocuments.cosine(hits[hits.length - 1].score));
        SoftmaxHead head = heads.head(locale);
        float[] probabilities = head == null ? null : head.probabilities(vector);
        if (head != null) {
            for (int j : top(probabilities, HEAD_CANDIDATES)) {
                IndexedArticle favourite = articles.get(head.labels().get(j));
                if (favourite != null && favourite.article().locale().equals(locale)) {
                    fusion.candidate(favourite);
                }
            }
        }
        for (Fusion.Candidate candidate : fusion.candidates()) {
            candidate.probability = 0; // unless the classifier knows it: published after it was trained
        }
        if (head != null) {
            List<String> labels = head.labels();
            for (int j = 0; j < labels.size(); j++) {
                Fusion.Candidate candidate = fusion.get(labels.get(j));
                if (candidate != null) {
                    candidate.probability = probabilities[j];
                }
            }
        }
    }

    /** The indexes of the {@code n} highest values, highest first. */
    private static int[] top(float[] values, int n) {
        int count = Math.min(n, values.length);
        int[] best = new int[count];
        for (int slot = 0; slot < count; slot++) {
            int chosen = -1;
            for (int j = 0; j < values.length; j++) {
                boolean taken = false;
                for (int earlier = 0; earlier < slot; earlier++) {
                    taken |= best[earlier] == j;
                }
                if (!taken && (chosen < 0 || values[j] > values[chosen])) {
                    chosen = j;
                }
            }
            best[slot] = chosen;
        }
        return best;
    }

    /** One language's classifier training set: every title and example question, labelled by article id. */
    private ArticleHeads.TrainingSet trainingSet(String locale) {
        synchronized (changeLock) {
            List<IndexedArticle> ofLocale = articles.values().stream()
                    .filter(each -> each.article().locale().equals(locale) && !each.vectors().isEmpty())
                    .sorted(Comparator.comparing(each -> each.article().id()))
                    .toList();
            List<String> labels = new ArrayList<>(ofLocale.size());
            List<float[]> examples = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            for (IndexedArticle each : ofLocale) {
                labels.add(each.article().id());
                for (float[] example : each.vectors()) {
                    examples.add(example);
                    classes.add(labels.size() - 1);
                }
            }
            return new ArticleHeads.TrainingSet(version, labels, examples, classes.stream().mapToInt(Integer::intValue).toArray());
        }
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

    private Set<String> locales() {
        Set<String> locales = new TreeSet<>();
        articles.values().forEach(each -> locales.add(each.article().locale()));
        return locales;
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
