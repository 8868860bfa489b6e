package io.lotse.evaluation;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotMessage;
import io.lotse.bot.BotSettings;
import io.lotse.bot.BotState;
import io.lotse.bot.BotTurn;
import io.lotse.bot.Candidate;
import io.lotse.bot.CustomerInput;
import io.lotse.bot.QuickReply;
import io.lotse.bot.calibration.Calibration;
import io.lotse.bot.calibration.SelfCalibration;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code evaluate}: measures how well the engine answers or escalates, on a public dataset or on a
 * real knowledge base, without starting the web server.
 *
 * <p>A dataset folder ({@code train.jsonl}, {@code test.jsonl}, maybe {@code valid.jsonl}) becomes a
 * knowledge base of one article per label of {@code train.jsonl}; {@code --kb <article-dir>
 * <questions.jsonl>} imports a folder of article files instead. The knowledge base is built from
 * real parts (an embedded Redis, the Lucene index, the embedding model and classifier), the
 * confidence calibrated on {@code valid.jsonl} when there is one (see {@link Calibration}), and
 * every test question answered by the same {@link BotEngine} the chat uses, each as the first
 * message of a new conversation. Progress goes to standard error; the last line of standard output
 * carries the figures (see {@link Figures}), the lines before it what was built and how it was
 * calibrated. Exit code 0 when done, 2 for bad arguments or input files, 1 when the evaluation
 * itself failed.
 *
 * <p>Options: {@code --shots K} keeps K example questions per label (drawn with {@code --seed S},
 * default 42); {@code --locale de|en} sets the dataset's language, which is otherwise what most of
 * the texts of {@code train.jsonl} clearly read as; {@code --details FILE}
 * writes one JSON line per question with every hit's signals and the decision;
 * {@code --max-wrong-answer-rate R} sets the wrong-answer rate the calibrated thresholds allow.
 */
public final class EvaluateCommand {

    /** With fewer out-of-scope rows in valid.jsonl, the knowledge base calibrates on its own questions. */
    static final int MIN_VALID_OUT_OF_SCOPE = 10;

    /** The first argument that selects this command. */
    public static final String NAME = "evaluate";

    /** How long a Redis command may take: the knowledge base's Redis serves this command alone. */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(30);

    /** The seed when {@code --seed} is not given: it draws the kept example questions and the warm-up questions. */
    public static final long DEFAULT_SEED = 42;

    /** The start of the knowledge base's Redis keys. */
    private static final String KEY_PREFIX = "lotse-eval";

    private static final int WARM_UP_QUESTIONS = 200;

    /** The quick reply of a clarifying question that picks an article: {@code article:<id>} (see the protocol). */
    private static final String ARTICLE_PAYLOAD = "article:";

    private final EvaluateOptions options;
    private final Function<Path, EvaluationRedis> redis;
    private final PrintStream out;
    private final PrintStream err;

    private EvaluateCommand(EvaluateOptions options, Function<Path, EvaluationRedis> redis, PrintStream out, PrintStream err) {
        this.options = options;
        this.redis = redis;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code evaluate}
     * @param redis starts the Redis the knowledge base keeps its articles in, given a folder for its
     *     files (the application's own embedded server, with {@link #REDIS_TIMEOUT})
     * @return the process exit code
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, Function<Path, EvaluationRedis> redis) {
        QuietLogging.toStandardError();
        try {
            EvaluateOptions options = EvaluateOptions.parse(args);
            new EvaluateCommand(options, redis, out, err).evaluate();
            return 0;
        } catch (UsageException e) {
            err.println("evaluate: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("evaluate: failed: " + e);
            return 1;
        } finally {
            out.flush();
        }
    }

    private void evaluate() {
        if (options.knowledgeBaseMode()) {
            evaluateKnowledgeBase();
        } else {
            evaluateDataset();
        }
    }

    private void evaluateDataset() {
        Path folder = options.datasetDir();
        List<LabelledText> train = read(folder.resolve("train.jsonl"));
        List<LabelledText> test = read(folder.resolve("test.jsonl"));
        Path validFile = folder.resolve("valid.jsonl");
        List<LabelledText> valid = Files.isRegularFile(validFile) ? read(validFile) : List.of();
        String locale = options.locale() != null ? options.locale() : DatasetLanguage.of(train);
        DatasetArticles dataset = DatasetArticles.from(train, options.shots(), options.seed(), locale);
        if (dataset.articles().isEmpty()) {
            throw new UsageException("train.jsonl of " + folder + " has no in-scope rows");
        }
        out.printf(Locale.ROOT, "articles=%d questions=%d dropped=%d shots=%s locale=%s%n", dataset.articles().size(),
                dataset.articles().stream().mapToInt(a -> a.questions().size()).sum(), dataset.dropped(),
                options.shots() == 0 ? "all" : Integer.toString(options.shots()), locale);
        Function<LabelledText, String> expected = row -> row.outOfScope() ? null
                : dataset.idsByLabel().getOrDefault(row.label(), "(no article for " + row.label() + ")");
        try (EvaluationKnowledgeBase kb = EvaluationKnowledgeBase.start(redis, KEY_PREFIX, options.embeddings());
                DetailsWriter details = DetailsWriter.open(options.details())) {
            long start = System.nanoTime();
            report(kb.importArticles(dataset.articles()));
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "index built in %.1f s%n", indexSeconds);

            Calibration.Result calibration = calibrate(kb.knowledgeBase(), valid, expected, locale, details);
            List<String> warmUp = train.stream().map(LabelledText::text).collect(Collectors.toCollection(ArrayList::new));
            run(kb.knowledgeBase(), calibration, test, expected, locale, warmUp, indexSeconds, details);
        }
    }

    private void evaluateKnowledgeBase() {
        List<LabelledText> questions = read(options.questions());
        if (questions.isEmpty()) {
            throw new UsageException(options.questions() + " has no questions");
        }
        try (EvaluationKnowledgeBase kb = EvaluationKnowledgeBase.start(redis, KEY_PREFIX, options.embeddings());
                DetailsWriter details = DetailsWriter.open(options.details())) {
            long start = System.nanoTime();
            report(kb.importFolder(options.articleDir()));
            List<Article> articles = kb.knowledgeBase().list(null);
            if (articles.isEmpty()) {
                throw new UsageException("no article could be imported from " + options.articleDir().toAbsolutePath());
            }
            String locale = options.locale() != null ? options.locale() : mostCommonLocale(articles);
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "index built in %.1f s%n", indexSeconds);
            out.printf(Locale.ROOT, "articles=%d questions=%d locale=%s%n", articles.size(), questions.size(), locale);

            Set<String> ids = articles.stream().map(Article::id).collect(Collectors.toSet());
            long unknown = questions.stream().filter(q -> !q.outOfScope() && !ids.contains(q.label())).count();
            if (unknown > 0) {
                err.printf(Locale.ROOT, "warning: %d questions name an article that was not imported; they count as in scope%n", unknown);
            }
            Function<LabelledText, String> expected = row -> row.outOfScope() ? null : row.label();
            Calibration.Result calibration = calibrate(kb.knowledgeBase(), List.of(), expected, locale, details);
            List<String> warmUp = new ArrayList<>();
            for (Article article : articles) {
                warmUp.add(article.title());
                warmUp.addAll(article.questions());
            }
            run(kb.knowledgeBase(), calibration, questions, expected, locale, warmUp, indexSeconds, details);
        }
    }

    /** The rows of a dataset file; a malformed row is a usage error (exit code 2). */
    private static List<LabelledText> read(Path file) {
        try {
            return LabelledText.read(file);
        } catch (IllegalArgumentException malformed) {
            throw new UsageException(malformed.getMessage());
        }
    }

    /**
     * Calibrates on the validation questions when they hold out-of-scope ones (they are not in the
     * index, so they are honest held-out questions); else on the knowledge base's own example
     * questions, held out fold by fold, as the chat does.
     */
    private Calibration.Result calibrate(KnowledgeBase kb, List<LabelledText> valid, Function<LabelledText, String> expected,
            String locale, DetailsWriter details) {
        Calibration.Result result;
        String samples;
        long outOfScope = valid.stream().filter(LabelledText::outOfScope).count();
        if (outOfScope < MIN_VALID_OUT_OF_SCOPE) {
            result = SelfCalibration.of(kb, locale, options.maxWrongAnswerRate());
            samples = "held_out_examples";
        } else {
            int candidates = BotSettings.defaults().candidates();
            List<Calibration.Sample> fitOn = new ArrayList<>(valid.size());
            for (LabelledText row : valid) {
                List<SearchHit> hits = kb.search(row.text(), locale, candidates);
                fitOn.add(new Calibration.Sample(hits, expected.apply(row)));
                details.hits("valid", row, expected.apply(row), hits);
            }
            result = Calibration.fit(fitOn, options.maxWrongAnswerRate());
            samples = "valid";
        }
        out.println("calibration=" + samples + " " + result.describe());
        err.println("confidence model: " + result.model());
        return result;
    }

    private void run(KnowledgeBase kb, Calibration.Result calibration, List<LabelledText> test,
            Function<LabelledText, String> expected, String locale, List<String> warmUp, double indexSeconds,
            DetailsWriter details) {
        RecordingRetriever retriever = new RecordingRetriever(kb);
        BotSettings settings = calibration.applyTo(BotSettings.defaults());
        BotEngine engine = BotEngine.builder()
                .retriever(retriever).articles(kb::get).settings(settings).confidence(calibration.model()).build();
        Collections.shuffle(warmUp, new Random(options.seed()));
        for (String text : warmUp.subList(0, Math.min(WARM_UP_QUESTIONS, warmUp.size()))) {
            engine.respond(BotState.initial(locale), CustomerInput.typed(text, locale));
        }
        retriever.takeLast();
        List<Figures.Outcome> outcomes = new ArrayList<>(test.size());
        ThresholdTable table = new ThresholdTable(kb::knownQuestion);
        Ranking ranking = new Ranking();
        Map<String, Integer> kinds = new HashMap<>();
        for (LabelledText row : test) {
            long start = System.nanoTime();
            BotTurn turn = engine.respond(BotState.initial(locale), CustomerInput.typed(row.text(), locale));
            long nanos = System.nanoTime() - start;
            String answered = answeredArticle(turn);
            outcomes.add(outcome(expected.apply(row), turn, nanos));
            String kind = turn.messages().isEmpty() ? "none" : turn.messages().getFirst().kind();
            kinds.merge(kind, 1, Integer::sum);
            List<SearchHit> hits = retriever.takeLast();
            details.turn(row, expected.apply(row), turn, answered, nanos, hits);
            table.add(row.text(), expected.apply(row), hits);
            ranking.add(expected.apply(row), turn.decision().candidates());
        }
        err.println("outcomes by kind: " + kinds);
        err.println(ranking.line());
        table.lines(settings, calibration.model(), kb::get, locale).forEach(err::println);
        out.println(Figures.of(outcomes, indexSeconds).line(options.name()));
    }

    /** How a question fared: what the turn answered or offered, and what the engine ranked first. */
    static Figures.Outcome outcome(String expected, BotTurn turn, long nanos) {
        List<String> offered = new ArrayList<>();
        for (BotMessage message : turn.messages()) {
            if (BotMessage.CLARIFY.equals(message.kind())) {
                message.quickReplies().stream().map(QuickReply::payload)
                        .filter(payload -> payload != null && payload.startsWith(ARTICLE_PAYLOAD))
                        .forEach(payload -> offered.add(payload.substring(ARTICLE_PAYLOAD.length())));
            }
        }
        List<Candidate> candidates = turn.decision() == null ? List.of() : turn.decision().candidates();
        String rankedFirst = candidates.isEmpty() ? null : candidates.getFirst().articleId();
        return new Figures.Outcome(expected, answeredArticle(turn), offered, rankedFirst, nanos);
    }

    /** The article the turn answers with, or {@code null} when it gives none (clarify, admission, small talk, handoff). */
    static String answeredArticle(BotTurn turn) {
        for (BotMessage message : turn.messages()) {
            if (BotMessage.ANSWER.equals(message.kind()) && message.articleId() != null) {
                return message.articleId();
            }
        }
        return null;
    }

    private void report(ImportReport report) {
        err.printf(Locale.ROOT, "imported %d articles%n", report.imported());
        report.problems().forEach(problem -> err.println("not imported: " + problem.file() + ": " + problem.problem()));
    }

    private static String mostCommonLocale(List<Article> articles) {
        Map<String, Integer> counts = new HashMap<>();
        articles.forEach(article -> counts.merge(article.locale(), 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
    }
}
