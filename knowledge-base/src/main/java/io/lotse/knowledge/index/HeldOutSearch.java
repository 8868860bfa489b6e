package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.FusionWeights;
import io.lotse.knowledge.HeldOutQuestion;
import io.lotse.knowledge.SearchHit;
import io.lotse.knowledge.analysis.CompoundDictionary;
import io.lotse.knowledge.analysis.LocaleAnalyzers;
import io.lotse.knowledge.analysis.TypoCorrection;
import io.lotse.knowledge.classifier.ArticleClassifier;
import io.lotse.knowledge.classifier.LexicalHead;
import io.lotse.knowledge.classifier.SoftmaxHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches a sample of one language's example questions, each from a state of the index without
 * it: k-fold, every fold with its own BM25 index, vector view and head, built from the live
 * articles minus the fold's questions, searched by {@link FusedSearch} exactly as the live index is.
 *
 * <p>Nothing is embedded: the held-out questions' vectors are the ones indexed for them, and the
 * vector side is the live index with their documents hidden ({@link LiveVectorView}). A question's
 * copies in the same article (the same words up to case and punctuation) are held out with it, and
 * so are its near copies there (more than {@value #NEAR_COPY} of their words in common, "how do I
 * reset my pin" and "how do I change my pin"): example questions are often written as variations
 * of each other, and a question searched beside its variations is answered with more confidence
 * than a new customer's words, which made the thresholds too cautious (CLINC150 without its
 * validation split: 0.86 of the answerable test questions answered at a threshold of 0.43, against
 * 0.94 at the 0.30 that real out-of-scope questions give). With near copies held out, the samples
 * are answered a little less often than new questions, as a calibration should err. Questions
 * questions equal to their article's title are not sampled: either would leave the answer in the
 * index. Only articles with at least two distinct questions are sampled, and the questions of one
 * article are spread over the folds, so that every article keeps a question in every fold.
 */
final class HeldOutSearch {

    private static final Logger log = LoggerFactory.getLogger(HeldOutSearch.class);
    /** Hits per question, as many as the chat asks for. */
    static final int HITS = 5;
    /**
     * One sampled question.
     *
     * @param source its article as the live index holds it
     * @param phrase its phrase number (1: the first question)
     * @param copies the phrase numbers of it and its copies, held out together
     * @param nearCopies the phrase numbers of its near copies, held out with it while the article keeps half its questions
     */
    private record Question(IndexedArticle source, String text, int phrase, List<Integer> copies, List<Integer> nearCopies) {

        String articleId() {
            return source.article().id();
        }
    }

    /** One article of a fold: the reduced article indexed, and the new number of each live phrase (-1: held out). */
    private record Kept(IndexedArticle indexed, int[] numbers) {}

    private final String locale;
    private final List<IndexedArticle> articles;
    private final IndexReader live;
    private final FusionWeights weights;
    private final SoftmaxHead.Training training;
    /** The articles as stored, by id. */
    private final Map<String, Article> stored = new HashMap<>();

    /**
     * @param articles the language's articles as the live index holds them, consistent with {@code live}
     * @param live the live index's reader, only read
     * @param training how the live heads are trained; {@code null} without embeddings
     */
    HeldOutSearch(String locale, List<IndexedArticle> articles, IndexReader live, FusionWeights weights,
            SoftmaxHead.Training training) {
        this.locale = locale;
        this.articles = articles;
        this.live = live;
        this.weights = weights;
        this.training = training;
        articles.forEach(each -> stored.put(each.article().id(), each.article()));
    }

    /**
     * Samples at most {@code limit} questions with the seed, splits them into {@code folds} folds and
     * searches each fold's questions without them; ordered by article id, then question.
     */
    List<HeldOutQuestion> run(int folds, long seed, int limit) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, not " + folds);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        List<Question> sample = sample(seed, limit);
        if (sample.isEmpty()) {
            return List.of();
        }
        try {
            LiveVectorView vectors = training == null ? null : LiveVectorView.of(live);
            List<HeldOutQuestion> searched = new ArrayList<>(Collections.nCopies(sample.size(), null));
            for (int fold = 0; fold < folds && fold < sample.size(); fold++) {
                // Consecutive questions of one article go to different folds.
                List<Question> questions = new ArrayList<>();
                for (int i = fold; i < sample.size(); i += folds) {
                    questions.add(sample.get(i));
                }
                List<List<SearchHit>> hits = searchFold(questions, vectors);
                for (int i = fold, j = 0; i < sample.size(); i += folds, j++) {
                    Question question = sample.get(i);
                    searched.set(i, new HeldOutQuestion(question.text(), question.articleId(), hits.get(j)));
                }
            }
            return List.copyOf(searched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a held-out index", e);
        }
    }

    /** The sampled questions, ordered by article id and phrase. */
    private List<Question> sample(long seed, int limit) {
        List<Question> candidates = new ArrayList<>();
        for (IndexedArticle each : articles) {
            candidates.addAll(candidates(each));
        }
        Collections.shuffle(candidates, new Random(seed));
        List<Question> sample = new ArrayList<>(candidates.subList(0, Math.min(limit, candidates.size())));
        sample.sort(Comparator.comparing(Question::articleId).thenComparingInt(Question::phrase));
        return sample;
    }

    private static List<Question> candidates(IndexedArticle each) {
        Article article = each.article();
        String title = sameness(article.title());
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        for (int i = 0; i < article.questions().size(); i++) {
            String text = sameness(article.questions().get(i));
            if (!text.equals(title)) {
                byText.computeIfAbsent(text, key -> new ArrayList<>()).add(i + 1);
            }
        }
        if (byText.size() < 2) {
            return List.of();
        }
        List<Question> questions = new ArrayList<>(byText.size());
        List<Set<String>> wordSets = new ArrayList<>();
        List<String> texts = new ArrayList<>(byText.keySet());
        for (String text : texts) {
            wordSets.add(new HashSet<>(List.of(text.split(" "))));
        }
        int t = 0;
        for (List<Integer> copies : byText.values()) {
            int phrase = copies.getFirst();
            List<Integer> near = new ArrayList<>();
            for (int o = 0; o < texts.size(); o++) {
                if (o != t && jaccard(wordSets.get(t), wordSets.get(o)) > NEAR_COPY) {
                    near.addAll(byText.get(texts.get(o)));
                }
            }
            questions.add(new Question(each, article.questions().get(phrase - 1), phrase, List.copyOf(copies), List.copyOf(near)));
            t++;
        }
        return questions;
    }

    /** The share of words in common (of all words of either) above which two questions of an article are near copies. */
    static final double NEAR_COPY = 1.0 / 3;

    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String word : a) {
            if (b.contains(word)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /** What makes two questions the same one: the same letters and digits, up to case, spaces and punctuation. */
    private static String sameness(String text) {
        return LexicalHead.plainWords(text);
    }

    /** The hits of each question of one fold, in the fold's order. */
    private List<List<SearchHit>> searchFold(List<Question> fold, LiveVectorView vectors) throws IOException {
        Map<String, Set<Integer>> heldOut = new HashMap<>();
        for (Question question : fold) {
            heldOut.computeIfAbsent(question.articleId(), id -> new HashSet<>()).addAll(question.copies());
        }
        for (Question question : fold) {
            Set<Integer> out = heldOut.get(question.articleId());
            int keep = (question.source().article().questions().size() + 1) / 2;
            for (int near : question.nearCopies()) {
                if (question.source().article().questions().size() - out.size() <= keep) {
                    break;
                }
                out.add(near);
            }
        }
        long start = System.nanoTime();
        try (LocaleAnalyzers analyzers = new LocaleAnalyzers(); ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            Map<String, Kept> kept = reduce(heldOut, analyzers);
            long reduced = System.nanoTime();
            Map<String, IndexedArticle> byId = new HashMap<>();
            Map<String, int[]> numbers = new HashMap<>();
            kept.forEach((id, each) -> {
                byId.put(id, each.indexed());
                numbers.put(id, each.numbers());
            });
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
                for (Kept each : kept.values()) {
                    // The text document only: the vectors come from the live index.
                    writer.addDocuments(ArticleDocuments.of(each.indexed().article(), List.of()));
                }
            }
            long indexed = System.nanoTime();
            List<IndexReader> parts = new ArrayList<>();
            parts.add(DirectoryReader.open(directory));
            if (vectors != null) {
                parts.addAll(vectors.keeping(numbers));
            }
            try (MultiReader reader = new MultiReader(parts.toArray(IndexReader[]::new))) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                FusedSearch.State state = new FusedSearch.State(searcher, byId::get, head(kept), weights, TypoCorrection.Memory.NONE);
                long trained = System.nanoTime();
                Analyzer analyzer = analyzers.forLocale(locale);
                List<List<SearchHit>> hits = new ArrayList<>(fold.size());
                for (Question question : fold) {
                    float[] vector = training == null ? null : question.source().vectors().get(question.phrase());
                    List<SearchHit> found = FusedSearch.search(state, analyzer, question.text(), vector == null ? null : () -> vector,
                            locale, HITS);
                    hits.add(asStored(found));
                }
                log.debug("Held out {} {} questions: reduced in {} ms, text index {} ms, head {} ms, searches {} ms", fold.size(), locale,
                        (reduced - start) / 1_000_000, (indexed - reduced) / 1_000_000, (trained - indexed) / 1_000_000,
                        (System.nanoTime() - trained) / 1_000_000);
                return hits;
            }
        }
    }

    /**
     * Every article of the language without the held-out phrases, analyzed with the fold's
     * analyzers; for a language that splits compounds, its dictionary is first built from the
     * reduced articles, as the live index builds it from the stored ones.
     */
    private Map<String, Kept> reduce(Map<String, Set<Integer>> heldOut, LocaleAnalyzers analyzers) {
        Map<String, Article> reduced = new LinkedHashMap<>();
        Map<String, int[]> numbers = new HashMap<>();
        Map<String, List<float[]>> vectors = new HashMap<>();
        for (IndexedArticle each : articles) {
            Article article = each.article();
            Set<Integer> out = heldOut.getOrDefault(article.id(), Set.of());
            int[] number = new int[article.questions().size() + 1];
            List<String> questions = new ArrayList<>();
            List<float[]> kept = new ArrayList<>();
            for (int phrase = 0; phrase < number.length; phrase++) {
                if (out.contains(phrase)) {
                    number[phrase] = -1;
                    continue;
                }
                number[phrase] = phrase == 0 ? 0 : questions.size() + 1;
                if (phrase > 0) {
                    questions.add(article.questions().get(phrase - 1));
                }
                if (!each.vectors().isEmpty()) {
                    kept.add(each.vectors().get(phrase));
                }
            }
            reduced.put(article.id(), new Article(article.id(), article.locale(), article.title(), questions, article.tags(),
                    article.category(), article.type(), article.body()));
            numbers.put(article.id(), number);
            vectors.put(article.id(), kept);
        }
        Map<String, Set<String>> words = new HashMap<>();
        if (analyzers.splitsCompounds(locale)) {
            Set<String> dictionary = new HashSet<>();
            reduced.forEach((id, article) -> {
                Set<String> ofArticle = CompoundDictionary.wordsOf(analyzers.wordsAnalyzer(), article);
                words.put(id, ofArticle);
                dictionary.addAll(ofArticle);
            });
            analyzers.useDictionary(locale, dictionary);
        }
        Analyzer analyzer = analyzers.forLocale(locale);
        Map<String, Kept> kept = new LinkedHashMap<>();
        reduced.forEach((id, article) -> kept.put(id, new Kept(
                IndexedArticle.of(article, analyzer, words.getOrDefault(id, Set.of()), vectors.get(id)), numbers.get(id))));
        return kept;
    }

    /** The fold's head, trained as the live one is, on every title and kept question; {@code null} without embeddings. */
    private ArticleClassifier head(Map<String, Kept> kept) {
        if (training == null) {
            return null;
        }
        List<IndexedArticle> byId = kept.values().stream()
                .map(Kept::indexed)
                .sorted(Comparator.comparing(each -> each.article().id()))
                .toList();
        return ArticleHeads.train(ArticleHeads.TrainingSet.of(0, byId), training, ArticleHeads.FOREGROUND_THREADS);
    }

    /** The hits with each article as stored, all its questions included, rather than as the fold held it. */
    private List<SearchHit> asStored(List<SearchHit> hits) {
        List<SearchHit> stored = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            stored.add(new SearchHit(this.stored.get(hit.article().id()), hit.score(), hit.coverage(), hit.matchedText(), hit.bm25(),
                    hit.cosine(), hit.probability()));
        }
        return stored;
    }
}
