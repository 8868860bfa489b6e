package io.lotse.evaluation;

import io.lotse.bot.BotTurn;
import io.lotse.bot.Candidate;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.SearchHit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one JSON line per searched question, with every hit's signals and the engine's decision,
 * for an editor who wants to see why a question was missed. Does nothing without a file.
 */
final class DetailsWriter implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BufferedWriter writer;

    private DetailsWriter(BufferedWriter writer) {
        this.writer = writer;
    }

    static DetailsWriter open(Path file) {
        if (file == null) {
            return new DetailsWriter(null);
        }
        try {
            return new DetailsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot write the details file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** A calibration question: what the retriever found. */
    void hits(String split, LabelledText row, String expected, List<SearchHit> hits) {
        if (writer == null) {
            return;
        }
        ObjectNode line = question(split, row, expected);
        line.set("hits", hits(hits));
        write(line);
    }

    /** A test question: what the retriever found and what the engine made of it. */
    void turn(LabelledText row, String expected, BotTurn turn, String answered, long nanos, List<SearchHit> hits) {
        if (writer == null) {
            return;
        }
        ObjectNode line = question("test", row, expected);
        line.put("answered", answered);
        line.put("kind", turn.messages().isEmpty() ? null : turn.messages().getFirst().kind());
        line.put("band", turn.decision().band());
        line.put("reason", turn.decision().reason());
        line.put("ms", nanos / 1e6);
        ArrayNode candidates = line.putArray("candidates");
        for (Candidate candidate : turn.decision().candidates()) {
            candidates.addObject().put("id", candidate.articleId()).put("confidence", candidate.confidence());
        }
        line.set("hits", hits(hits));
        write(line);
    }

    private static ObjectNode question(String split, LabelledText row, String expected) {
        ObjectNode line = JSON.createObjectNode();
        line.put("split", split);
        line.put("text", row.text());
        line.put("label", row.label());
        line.put("expected", expected);
        return line;
    }

    private static ArrayNode hits(List<SearchHit> hits) {
        ArrayNode array = JSON.createArrayNode();
        for (SearchHit hit : hits) {
            array.addObject()
                    .put("id", hit.article().id())
                    .put("score", hit.score())
                    .put("coverage", hit.coverage())
                    .put("bm25", hit.bm25())
                    .put("cosine", hit.cosine())
                    .put("probability", hit.probability());
        }
        return array;
    }

    private void write(ObjectNode line) {
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the details file", e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the details file", e);
            }
        }
    }
}
