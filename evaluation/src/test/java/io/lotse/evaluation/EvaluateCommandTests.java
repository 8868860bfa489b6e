package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.LabelledText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code evaluate} command end to end, with a real Redis (the machine's, under a key prefix of
 * the command's own, deleted afterwards), index and embedding model:
 * on a slice of CLINC150 (ten intents, one of them a greeting, plus out-of-scope questions) its
 * figures must stay above floors, so that a regression in retrieval, calibration or the decision
 * fails the build. No timing is asserted.
 */
class EvaluateCommandTests {

    private static final Pattern LAST_LINE = Pattern.compile("dataset=(\\S+) n=(\\d+) in_scope_accuracy=(\\d\\.\\d{4})"
            + " oos_recall=(\\d\\.\\d{4}|na) oos_precision=(\\d\\.\\d{4}|na) wrong_answer_rate=(\\d\\.\\d{4})"
            + " answer_rate=(\\d\\.\\d{4}) index_s=\\d+\\.\\d p50_ms=\\d+\\.\\d{2} p99_ms=\\d+\\.\\d{2}"
            + " resolved_rate=(\\d\\.\\d{4}) top1_rate=(\\d\\.\\d{4})");

    private static final Set<String> INTENTS = Set.of("accept_reservations", "cancel", "credit_score", "freeze_account",
            "greeting", "international_fees", "next_song", "pto_request", "rewards_balance", "travel_suggestion");
    private static final int OUT_OF_SCOPE_TEST_ROWS = 300;
    /** The sample articles the demo imports, one folder per language. */
    private static final Path SAMPLES = Path.of("../knowledge-base/src/main/resources/io/lotse/knowledge/samples");

    /** The shared Redis of the tests. */
    static final String REDIS = System.getProperty("lotse.test.redis", "redis://127.0.0.1:6379");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int evaluate(String... args) {
        return EvaluateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), folder -> EvaluationRedis.connect(REDIS));
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Map<String, String> figures() {
        String last = stdout().getLast();
        Matcher matcher = LAST_LINE.matcher(last);
        assertThat(matcher.matches()).as("last line: %s", last).isTrue();
        Map<String, String> figures = new HashMap<>();
        for (String pair : last.split(" ")) {
            String[] parts = pair.split("=", 2);
            figures.put(parts[0], parts[1]);
        }
        return figures;
    }

    private static double number(Map<String, String> figures, String name) {
        return Double.parseDouble(figures.get(name));
    }

    @Test
    void aSliceOfClinc150IsAnsweredOrEscalatedAboveTheFloors() throws IOException {
        Path clinc = datasets().resolve("clinc150");
        // The shared datasets lie beside the checkout (in CI too): a missing folder fails, so the floors are always checked.
        assertThat(clinc).as("CLINC150 (system property lotse.datasets)").isDirectory();
        Path slice = Files.createDirectories(dir.resolve("clinc150-slice"));
        slice(clinc.resolve("train.jsonl"), slice.resolve("train.jsonl"), 0);
        slice(clinc.resolve("valid.jsonl"), slice.resolve("valid.jsonl"), Integer.MAX_VALUE);
        slice(clinc.resolve("test.jsonl"), slice.resolve("test.jsonl"), OUT_OF_SCOPE_TEST_ROWS);

        int exit = evaluate(slice.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        System.out.println(out.toString(StandardCharsets.UTF_8));
        assertThat(stdout()).anyMatch(line -> line.startsWith("calibration=valid source=out_of_scope_questions"));
        Map<String, String> figures = figures();
        assertThat(figures.get("dataset")).isEqualTo("clinc150-slice");
        assertThat(figures.get("n")).isEqualTo(Integer.toString(10 * 30 + OUT_OF_SCOPE_TEST_ROWS));
        // Measured: 0.99, 0.81, 0.10 (the slice's validation split has twice as many intent rows as
        // out-of-scope ones, the test split as many; CLINC's test out-of-scope rows are harder).
        assertThat(number(figures, "in_scope_accuracy")).isGreaterThanOrEqualTo(0.95);
        assertThat(number(figures, "oos_recall")).isGreaterThanOrEqualTo(0.72);
        assertThat(number(figures, "wrong_answer_rate")).isLessThanOrEqualTo(0.14);
        // A clarify that offers the right article resolves the question too; the search ranks it first at least as often as it is answered.
        assertThat(number(figures, "resolved_rate")).isGreaterThanOrEqualTo(number(figures, "in_scope_accuracy"));
        assertThat(number(figures, "top1_rate")).isGreaterThanOrEqualTo(number(figures, "in_scope_accuracy"));

        // The table of other thresholds replays the same questions: at the calibrated one it says
        // exactly what the report line says, and the lowest answers more than the highest.
        List<String> table = err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("at answer_threshold=")).toList();
        assertThat(table).hasSizeGreaterThanOrEqualTo(ThresholdTable.THRESHOLDS.length);
        String shares = stdout().getLast().replaceFirst("^.*? (in_scope_accuracy=.*answer_rate=\\S+) .*$", "$1");
        String resolution = stdout().getLast().replaceFirst("^.* (resolved_rate=\\S+ top1_rate=\\S+)$", "$1");
        assertThat(table).filteredOn(line -> line.contains("(calibrated)")).singleElement().asString()
                .endsWith(": " + shares + " " + resolution);
        List<Double> answerRates = table.stream()
                .map(line -> Double.parseDouble(line.replaceFirst("^.* answer_rate=(\\S+) .*$", "$1"))).toList();
        assertThat(answerRates.getFirst()).isGreaterThan(answerRates.getLast());

        // Every question answered right had its article ranked first, so the ranking bounds the accuracy.
        String ranking = err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("ranking: ")).findFirst().orElseThrow();
        Matcher ranked = Pattern.compile("first for ([01]\\.\\d{4}) .* for ([01]\\.\\d{4})$").matcher(ranking);
        assertThat(ranked.find()).as(ranking).isTrue();
        assertThat(Double.parseDouble(ranked.group(1))).isGreaterThanOrEqualTo(number(figures, "in_scope_accuracy"));
        assertThat(Double.parseDouble(ranked.group(2))).isGreaterThanOrEqualTo(Double.parseDouble(ranked.group(1)));
    }

    @Test
    void aKnowledgeBaseFolderIsEvaluatedWithItsOwnQuestions() throws IOException {
        Path questions = dir.resolve("shop-en").resolve("questions.jsonl");
        Files.createDirectories(questions.getParent());
        Files.writeString(questions, """
                {"text": "How many days until my parcel is delivered?", "label": "t-en-shipping"}
                {"text": "I need a copy of my invoice", "label": "t-en-invoice"}
                {"text": "How do I send an item back?", "label": "t-en-returns"}
                {"text": "Do you sell gift cards for horses?", "label": "oos"}
                """);

        int exit = evaluate("--kb", Path.of("src/test/resources/test-kb/en").toString(), questions.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(stdout()).anyMatch(line -> line.startsWith("articles=4 questions=4 locale=en"));
        assertThat(stdout()).anyMatch(line -> line.startsWith("calibration="));
        Map<String, String> figures = figures();
        assertThat(figures.get("dataset")).isEqualTo("shop-en");
        assertThat(figures.get("n")).isEqualTo("4");
        assertThat(figures.get("oos_recall")).isNotEqualTo("na");
    }

    /**
     * The demo site's own knowledge base (the bundled samples, calibrated per language as the app
     * does) answers the questions its page raises, each with the right article and none wrongly.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            de | Wie lange dauert die Lieferung?           | de-versanddauer
            de | Kann ich meine Bestellung zurückschicken? | de-rueckgabefrist
            de | Was kostet der Versand?                   | de-versandkosten
            de | Ich möchte meinen Vertrag kündigen        | de-vertrag-kuendigen
            de | Wo ist mein Paket?                        | de-sendungsverfolgung
            en | How long does delivery take?              | en-delivery-time
            en | Can I send my order back?                 | en-return-period
            en | How much is shipping?                     | en-shipping-costs
            en | I want to cancel my contract              | en-cancel-contract
            en | My router is blinking red                 | en-router-no-internet
            """)
    void theDemoKnowledgeBaseAnswersTheQuestionsOfItsOwnPage(String locale, String question, String article) throws IOException {
        Path questions = dir.resolve("demo-" + locale).resolve("questions.jsonl");
        Files.createDirectories(questions.getParent());
        Files.writeString(questions, "{\"text\": \"" + question + "\", \"label\": \"" + article + "\"}\n");

        int exit = evaluate("--kb", SAMPLES.resolve(locale).toString(), questions.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        Map<String, String> figures = figures();
        assertThat(number(figures, "in_scope_accuracy")).as("%s answered with %s", question, article).isEqualTo(1.0);
        assertThat(number(figures, "wrong_answer_rate")).isZero();
    }

    @Test
    void badArgumentsAndMissingFilesExitWithTwoAndOneLine() {
        assertThat(evaluate()).isEqualTo(2);
        assertThat(evaluate(dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(evaluate(dir.toString())).isEqualTo(2); // no train.jsonl
        assertThat(evaluate(dir.toString(), "--shots", "0")).isEqualTo(2);
        assertThat(evaluate("--kb", dir.toString())).isEqualTo(2);
        assertThat(evaluate(dir.toString(), "--frobnicate")).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(6).allMatch(line -> line.startsWith("evaluate: "));
    }

    @Test
    void aMalformedRowIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("train.jsonl"), "{\"text\": \"hi\", \"label\": \"greeting\"}\nnot json\n");
        Files.writeString(dir.resolve("test.jsonl"), "{\"text\": \"hello\", \"label\": \"greeting\"}\n");

        assertThat(evaluate(dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("train.jsonl:2: not a {\"text\": …, \"label\": …} row");
    }

    /** The rows of the chosen intents, and out-of-scope rows up to a number. */
    private static void slice(Path from, Path to, int outOfScope) throws IOException {
        List<String> kept = new ArrayList<>();
        int oos = 0;
        for (LabelledText row : LabelledText.read(from)) {
            if (INTENTS.contains(row.label()) || (row.outOfScope() && oos++ < outOfScope)) {
                kept.add("{\"text\": \"" + row.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"label\": \""
                        + row.label() + "\"}");
            }
        }
        Files.write(to, kept);
    }

    /** Where the shared datasets are: the build sets {@code lotse.datasets}; else beside the repository. */
    private static Path datasets() {
        return Path.of(System.getProperty("lotse.datasets", "../../shared/datasets"));
    }
}
