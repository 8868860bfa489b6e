package io.lotse.evaluation;

import io.lotse.bot.calibration.Calibration;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of {@code evaluate}: a dataset folder, or {@code --kb <article-dir> <questions.jsonl>}.
 *
 * @param datasetDir the dataset folder ({@code train.jsonl}, {@code test.jsonl}, maybe {@code valid.jsonl}); {@code null} with {@code --kb}
 * @param articleDir the folder of article files with {@code --kb}; else {@code null}
 * @param questions the questions file with {@code --kb}; else {@code null}
 * @param shots how many example questions per label to keep (0: all)
 * @param seed the seed that chooses the kept example questions and the warm-up questions
 * @param locale the dataset's language; {@code null} unless given (then the articles decide with
 *     {@code --kb}, the texts of {@code train.jsonl} for a dataset)
 * @param details a JSON Lines file for one line per searched question, or {@code null}
 * @param maxWrongAnswerRate the wrong-answer rate the calibrated thresholds allow
 * @param embeddings the embedding model, named as by {@code chatbot.embeddings.*} (see {@link EmbeddingSettings#named})
 */
record EvaluateOptions(Path datasetDir, Path articleDir, Path questions, int shots, long seed, String locale, Path details,
        double maxWrongAnswerRate, EmbeddingSettings embeddings) {

    static final String USAGE = "usage: evaluate <dataset-dir> [--shots K] [--seed S] [--locale en|de] [--details FILE]"
            + " [--max-wrong-answer-rate R] [--model M] | evaluate --kb <article-dir> <questions.jsonl> [--locale en|de] [--details FILE] [--model M]"
            + "; M: bge-small-en-v15-q (default), all-minilm-l6-v2-q, none, or onnx with --model-file F --tokenizer-file F [--pooling mean|cls]";

    boolean knowledgeBaseMode() {
        return articleDir != null;
    }

    /** The name on the report line: the dataset folder's name, or the questions file's folder's. */
    String name() {
        Path named = knowledgeBaseMode() ? questions.toAbsolutePath().normalize().getParent() : datasetDir.toAbsolutePath().normalize();
        Path fileName = named == null ? null : named.getFileName();
        return fileName == null ? "dataset" : fileName.toString();
    }

    /** Reads the arguments after {@code evaluate}; checks that the named files and folders exist. */
    static EvaluateOptions parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        Path articleDir = null;
        Integer shots = null;
        Long seed = null;
        String locale = null;
        Path details = null;
        double maxWrongAnswerRate = Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE;
        String model = "bge-small-en-v15-q";
        Path modelFile = null;
        Path tokenizerFile = null;
        String pooling = "mean";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--kb" -> articleDir = Path.of(value(args, ++i, arg));
                case "--shots" -> shots = positiveInt(value(args, ++i, arg), arg);
                case "--seed" -> seed = longValue(value(args, ++i, arg), arg);
                case "--locale" -> locale = locale(value(args, ++i, arg));
                case "--details" -> details = Path.of(value(args, ++i, arg));
                case "--max-wrong-answer-rate" -> maxWrongAnswerRate = rate(value(args, ++i, arg), arg);
                case "--model" -> model = value(args, ++i, arg);
                case "--model-file" -> modelFile = Path.of(value(args, ++i, arg));
                case "--tokenizer-file" -> tokenizerFile = Path.of(value(args, ++i, arg));
                case "--pooling" -> pooling = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg + "; " + USAGE);
                    }
                    positional.add(arg);
                }
            }
        }
        EmbeddingSettings embeddings;
        try {
            embeddings = EmbeddingSettings.named("--", model, modelFile, tokenizerFile, pooling);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; " + USAGE);
        }
        if (articleDir != null) {
            if (positional.size() != 1) {
                throw new UsageException("--kb needs an article folder and one questions file; " + USAGE);
            }
            if (shots != null) {
                throw new UsageException("--shots applies to a dataset folder, not to --kb; " + USAGE);
            }
            Path questions = Path.of(positional.getFirst());
            requireFolder(articleDir, "article folder");
            requireFile(questions, "questions file");
            return new EvaluateOptions(null, articleDir, questions, 0, seed == null ? EvaluateCommand.DEFAULT_SEED : seed, locale, details,
                    maxWrongAnswerRate, embeddings);
        }
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "no dataset folder given; " + USAGE
                    : "one dataset folder expected, got " + positional.size() + "; " + USAGE);
        }
        Path dataset = Path.of(positional.getFirst());
        requireFolder(dataset, "dataset folder");
        requireFile(dataset.resolve("train.jsonl"), "training file");
        requireFile(dataset.resolve("test.jsonl"), "test file");
        return new EvaluateOptions(dataset, null, null, shots == null ? 0 : shots, seed == null ? EvaluateCommand.DEFAULT_SEED : seed,
                locale, details, maxWrongAnswerRate, embeddings);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args.get(index);
    }

    private static int positiveInt(String value, String option) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number of at least 1, not '" + value + "'");
    }

    private static long longValue(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not '" + value + "'");
        }
    }

    private static double rate(String value, String option) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a number between 0 and 1, not '" + value + "'");
    }

    private static String locale(String value) {
        return Language.fromTag(value.strip().toLowerCase(Locale.ROOT)).map(Language::tag)
                .orElseThrow(() -> new UsageException("--locale must be en or de, not '" + value + "'"));
    }

    private static void requireFolder(Path folder, String what) {
        if (!Files.isDirectory(folder)) {
            throw new UsageException("no " + what + " at " + folder.toAbsolutePath());
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no " + what + " at " + file.toAbsolutePath());
        }
    }
}
