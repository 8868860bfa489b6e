package io.lotse.knowledge;

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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * This node's Lucene index of the articles: one writer, one searcher manager refreshed by a
 * background thread, BM25, one document per article.
 *
 * <p>Every change waits until it is searchable before returning. Text fields carry the language in
 * their name ({@code title.de}) so that the writer analyzes each with its language's analyzer, and
 * a query only ever meets terms analyzed the same way. Beside the index an in-memory map holds each
 * article with its analyzed terms, which answers hits, coverage and the matched question without
 * stored fields. Searches are lock-free; changes are serialized.
 */
final class ArticleIndex implements Closeable {

    static final String ID = "id";
    static final String LOCALE = "locale";

    /** Customer messages are at most 2000 characters; editors may paste more into the test console. */
    private static final int MAX_QUERY_CHARS = 4000;
    /** Keeps the query well under Lucene's 1024-clause limit (terms × fields). */
    private static final int MAX_QUERY_TERMS = 64;
    private static final int MAX_HITS = 100;
    /** A compound's parts find related articles, but an article with the whole word should win. */
    private static final float PART_BOOST = 0.5f;
    /** A term found in title and questions scores a little more than in one field, not twice. */
    private static final float TIE_BREAKER = 0.1f;
    private static final Set<String> ID_ONLY = Set.of(ID);

    /**
     * The searched fields with their boosts: titles and example questions are written to be matched
     * against customer questions, the body explains and so matches many words by the way.
     */
    private enum TextFieldKind {
        TITLE("title", 2.0f),
        QUESTIONS("questions", 2.0f),
        TAGS("tags", 1.5f),
        CATEGORY("category", 1.0f),
        BODY("body", 1.0f);

        private final String prefix;
        private final float boost;

        TextFieldKind(String prefix, float boost) {
            this.prefix = prefix;
            this.boost = boost;
        }

        String in(String locale) {
            return prefix + "." + locale;
        }
    }

    private final Directory directory;
    private final LocaleAnalyzers analyzers;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final Map<String, IndexedArticle> articles = new ConcurrentHashMap<>();
    private final Object changeLock = new Object();
    private volatile boolean closed;

    private ArticleIndex(Directory directory, LocaleAnalyzers analyzers, IndexWriter writer, SearcherManager searchers) {
        this.directory = directory;
        this.analyzers = analyzers;
        this.writer = writer;
        this.searchers = searchers;
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.0);
        reopener.setName("lotse-kb-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Creates an empty index in a folder, replacing whatever index was there.
     *
     * <p>Redis holds the articles, so the folder is a cache: starting empty is always right.
     */
    static ArticleIndex create(Path folder) {
        Directory directory = null;
        IndexWriter writer = null;
        LocaleAnalyzers analyzers = new LocaleAnalyzers();
        try {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()).setOpenMode(OpenMode.CREATE));
            return new ArticleIndex(directory, analyzers, writer, new SearcherManager(writer, null));
        } catch (IOException e) {
            closeQuietly(writer);
            analyzers.close();
            closeQuietly(directory);
            throw new UncheckedIOException("cannot open the article index in " + folder, e);
        }
    }

    /** Makes the index hold exactly these articles (unchanged ones are not reindexed). */
    void replaceAll(Collection<Article> all) {
        Set<String> keep = new HashSet<>();
        all.forEach(article -> keep.add(article.id()));
        List<String> gone = articles.keySet().stream().filter(id -> !keep.contains(id)).toList();
        apply(all, gone);
    }

    /** Adds or replaces articles; they are searchable when this returns. */
    void upsert(Collection<Article> changed) {
        apply(changed, List.of());
    }

    /** Removes articles by id (unknown ids are ignored); gone from searches when this returns. */
    void delete(Collection<String> ids) {
        apply(List.of(), ids);
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

    /**
     * Ranks the articles of one language for a text; with a {@code null} locale every language is
     * searched and the hits merged by score.
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
        if (locale != null && !locale.isBlank()) {
            return searchLocale(query, locale.strip().toLowerCase(Locale.ROOT), max);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (String each : locales()) {
            hits.addAll(searchLocale(query, each, max));
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.size() > max ? List.copyOf(hits.subList(0, max)) : hits;
    }

    private List<SearchHit> searchLocale(String text, String locale, int limit) {
        // One analyzer for the whole query, even if a change swaps the German one meanwhile.
        AnalyzedText query = AnalyzedText.of(analyzers.forLocale(locale), text, MAX_QUERY_TERMS);
        if (query.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(luceneQuery(query, locale), limit);
            StoredFields stored = searcher.storedFields();
            List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc scoreDoc : top.scoreDocs) {
                IndexedArticle hit = articles.get(stored.document(scoreDoc.doc, ID_ONLY).get(ID));
                if (hit != null) { // deleted after this searcher was opened
                    hits.add(new SearchHit(hit.article(), scoreDoc.score, query.coverage(hit.terms()), hit.bestMatch(query)));
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** Built from analyzed terms, never parsed: customer text must not be read as query syntax. */
    private static Query luceneQuery(AnalyzedText query, String locale) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(new TermQuery(new Term(LOCALE, locale)), Occur.FILTER);
        for (String term : query.terms()) {
            List<Query> perField = new ArrayList<>();
            for (TextFieldKind field : TextFieldKind.values()) {
                perField.add(new BoostQuery(new TermQuery(new Term(field.in(locale), term)), field.boost));
            }
            Query anyField = new DisjunctionMaxQuery(perField, TIE_BREAKER);
            builder.add(query.isOnlyPart(term) ? new BoostQuery(anyField, PART_BOOST) : anyField, Occur.SHOULD);
        }
        // With a FILTER clause, SHOULD clauses turn optional; without this every article would match.
        builder.setMinimumNumberShouldMatch(1);
        return builder.build();
    }

    private void apply(Collection<Article> upserts, Collection<String> deletes) {
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
                return;
            }
            try {
                write(changed, removed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the article index", e);
            }
        }
    }

    private void write(Map<String, Article> changed, Set<String> removed) throws IOException {
        Map<String, Set<String>> newWords = new HashMap<>();
        for (Article article : changed.values()) {
            newWords.put(article.id(), analyzers.splitsCompounds(article.locale())
                    ? CompoundDictionary.wordsOf(analyzers.wordsAnalyzer(), article)
                    : Set.of());
        }
        Set<String> reindex = updateDictionaries(changed, removed, newWords);
        long sequence = -1;
        for (Article article : changed.values()) {
            sequence = index(article, newWords.get(article.id()));
        }
        for (String id : reindex) {
            IndexedArticle current = articles.get(id);
            sequence = index(current.article(), current.words());
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

    private long index(Article article, Set<String> words) throws IOException {
        Analyzer analyzer = analyzers.forLocale(article.locale());
        IndexedArticle indexed = IndexedArticle.of(article, analyzer, words);
        long sequence = writer.updateDocument(new Term(ID, article.id()), document(article));
        articles.put(article.id(), indexed);
        return sequence;
    }

    private static Document document(Article article) {
        String locale = article.locale();
        Document document = new Document();
        document.add(new StringField(ID, article.id(), Store.YES));
        document.add(new StringField(LOCALE, locale, Store.NO));
        document.add(new TextField(TextFieldKind.TITLE.in(locale), article.title(), Store.NO));
        for (String question : article.questions()) {
            document.add(new TextField(TextFieldKind.QUESTIONS.in(locale), question, Store.NO));
        }
        for (String tag : article.tags()) {
            document.add(new TextField(TextFieldKind.TAGS.in(locale), tag, Store.NO));
        }
        if (article.category() != null) {
            document.add(new TextField(TextFieldKind.CATEGORY.in(locale), article.category(), Store.NO));
        }
        document.add(new TextField(TextFieldKind.BODY.in(locale), article.body(), Store.NO));
        return document;
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
