package io.lotse.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The questions customers ask: the answerable questions of a questions file written for the sample
 * knowledge base (rows labelled {@code oos} are left out).
 */
final class Questions {

    /** How many questions the pool mode draws from. */
    static final int POOL = 20;

    private final List<String> texts;
    private final LoadOptions.Mode mode;
    private final AtomicLong asked = new AtomicLong();
    /**
     * Where this run's numbers start: at random, so that a second run against the same node asks
     * new questions too (the node keeps the hits of recent questions).
     */
    private final long firstNumber = ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);

    private Questions(List<String> texts, LoadOptions.Mode mode) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no answerable question in the questions file");
        }
        this.texts = texts;
        this.mode = mode;
    }

    static Questions read(Path file, LoadOptions.Mode mode, JsonMapper json) {
        try (var lines = Files.lines(file)) {
            List<String> texts = lines.filter(line -> !line.isBlank()).map(json::readTree)
                    .filter(row -> !"oos".equals(row.path("label").asString()))
                    .map(row -> row.path("text").asString()).filter(text -> !text.isBlank()).toList();
            return new Questions(texts, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the questions " + file + " (run from the project's folder or pass --questions)", e);
        }
    }

    /**
     * The next question: in mode {@code new} a question of the file followed by a number no question
     * had before, in this run or an earlier one (so neither the node's search cache nor its
     * known-question lookup can answer it from memory); in mode {@code pool} one of the first {@value #POOL}; in mode {@code same} the first.
     */
    String next() {
        long n = asked.getAndIncrement();
        return switch (mode) {
            case NEW -> texts.get((int) (n % texts.size())) + " " + (firstNumber + n);
            case POOL -> texts.get((int) (n % Math.min(POOL, texts.size())));
            case SAME, IDLE -> texts.getFirst();
        };
    }
}
