package io.lotse.benchmarks;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.bot.BotState;
import io.lotse.bot.BotTurn;
import io.lotse.bot.CustomerInput;
import io.lotse.bot.calibration.Calibration;
import io.lotse.evaluation.EvaluateCommand;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The query path, one customer message at a time, on a knowledge base built from a public dataset
 * (CLINC150 by default: 150 articles of 50 example questions) with the default embedding model.
 *
 * <ul>
 *   <li>{@link #engineNewQuestion}: {@link BotEngine#respond} on the first message of a new
 *       conversation, a test question not asked lately. The distinct test texts (about 5,500) are
 *       asked in turn, more than the query caches hold ({@value EmbeddingSettings#DEFAULT_QUERY_CACHE_SIZE}
 *       vectors and results, least recently used dropped first), so every call embeds and searches.
 *   <li>{@link #engineRepeatedQuestion}: the same question again and again: the cached path.
 *   <li>{@link #searchOnly}: {@code KnowledgeBase.search} alone (BM25, HNSW, classifier, fusion),
 *       on new questions as above, without language detection, intents and the decision.
 * </ul>
 *
 * <p>The knowledge base is built once per fork in {@link #setUp()}; its Redis keys (under a random
 * prefix) and index folder are deleted in {@link #tearDown()}. System properties:
 * {@code lotse.redis} (default {@code redis://127.0.0.1:6379}), {@code lotse.datasets} (default
 * {@code /work/shared/datasets}; the dataset is the folder named by the {@code dataset} parameter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// ONNX Runtime loads its native library: allowed up front instead of a warning on JDK 22 and later.
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Threads(1)
public class QueryPathBenchmark {

    static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";
    static final String DEFAULT_DATASETS = "/work/shared/datasets";
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** A folder below {@code -Dlotse.datasets} with {@code train.jsonl} and {@code test.jsonl}. */
    @Param({"clinc150"})
    public String dataset;

    /** An {@link EmbeddingSettings.Model} packaged in the jar: {@code BGE_SMALL_EN_V15_Q}, {@code ALL_MINILM_L6_V2_Q} or {@code NONE}. */
    @Param({"BGE_SMALL_EN_V15_Q"})
    public String model;

    private DatasetKnowledgeBase kb;
    private String locale;
    private BotEngine engine;
    private int candidates;
    private String[] newQuestions;
    private int next;
    private String repeatedQuestion;

    @Setup(Level.Trial)
    public void setUp() {
        Path folder = Path.of(System.getProperty("lotse.datasets", DEFAULT_DATASETS)).resolve(dataset);
        if (!Files.isRegularFile(folder.resolve("train.jsonl")) || !Files.isRegularFile(folder.resolve("test.jsonl"))) {
            throw new IllegalStateException("no train.jsonl and test.jsonl in " + folder.toAbsolutePath()
                    + "; point -Dlotse.datasets at the folder that holds " + dataset);
        }
        EmbeddingSettings.Model chosen = EmbeddingSettings.Model.valueOf(model.strip().toUpperCase(Locale.ROOT));
        EmbeddingSettings embeddings = chosen == EmbeddingSettings.Model.NONE
                ? EmbeddingSettings.disabled() : EmbeddingSettings.packaged(chosen);

        List<LabelledText> test = LabelledText.read(folder.resolve("test.jsonl"));
        newQuestions = distinctTexts(test);
        // LRU caches miss on every call when more distinct keys than they hold are asked in turn.
        if (newQuestions.length <= embeddings.queryCacheSize()) {
            throw new IllegalStateException(folder.resolve("test.jsonl") + " has " + newQuestions.length
                    + " distinct texts, not more than the " + embeddings.queryCacheSize() + " the query caches hold");
        }
        repeatedQuestion = test.stream().filter(row -> !row.outOfScope()).findFirst().orElseThrow().text();

        String redis = System.getProperty("lotse.redis", DEFAULT_REDIS);
        kb = DatasetKnowledgeBase.build(folder, redis, embeddings);
        locale = kb.locale();
        Calibration.Result calibration = Calibration.defaults();
        BotSettings settings = calibration.applyTo(BotSettings.defaults());
        candidates = settings.candidates();
        engine = BotEngine.builder().retriever(kb.knowledgeBase()).articles(kb.knowledgeBase()::get)
                .settings(settings).confidence(calibration.model()).build();
        engine.respond(BotState.initial(locale), new CustomerInput(repeatedQuestion, null, locale));

        System.err.printf(Locale.ROOT, "%n[lotse] %s: %d articles (%s), %d example questions, model %s, built in %.1f s"
                        + " (Redis %s, key prefix %s); %d distinct test questions in turn, query caches hold %d%n",
                dataset, kb.articles().size(), locale, kb.articles().stream().mapToInt(a -> a.questions().size()).sum(),
                chosen, kb.indexSeconds(), redis, kb.prefix(), newQuestions.length, embeddings.queryCacheSize());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (kb != null) {
            kb.close();
        }
    }

    /** The engine's answer to a question not asked lately: language, intents, one embedding, search, decision. */
    @Benchmark
    public BotTurn engineNewQuestion() {
        return engine.respond(BotState.initial(locale), new CustomerInput(nextQuestion(), null, locale));
    }

    /** The engine's answer to the question it answered last: the search result comes from the cache. */
    @Benchmark
    public BotTurn engineRepeatedQuestion() {
        return engine.respond(BotState.initial(locale), new CustomerInput(repeatedQuestion, null, locale));
    }

    /** The knowledge base's search alone for a question not asked lately, as many candidates as the engine asks for. */
    @Benchmark
    public List<SearchHit> searchOnly() {
        return kb.knowledgeBase().search(nextQuestion(), locale, candidates);
    }

    private String nextQuestion() {
        String question = newQuestions[next];
        next = next + 1 == newQuestions.length ? 0 : next + 1;
        return question;
    }

    /**
     * The test texts, each once (compared as the caches compare them: whitespace runs as one
     * space, trimmed), in an order shuffled with a fixed seed so that labels and oos rows mix.
     */
    private static String[] distinctTexts(List<LabelledText> rows) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (LabelledText row : rows) {
            String key = SPACES.matcher(row.text()).replaceAll(" ").strip();
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, row.text());
            }
        }
        List<String> texts = new ArrayList<>(byKey.values());
        Collections.shuffle(texts, new Random(EvaluateCommand.DEFAULT_SEED));
        return texts.toArray(String[]::new);
    }
}
