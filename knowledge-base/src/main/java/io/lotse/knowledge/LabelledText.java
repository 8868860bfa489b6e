package io.lotse.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row of a dataset file: a question and its label (an intent, an article id, or {@code oos}).
 *
 * <p>Files are JSON Lines, one {@code {"text": …, "label": …}} per line; blank lines are skipped. A
 * label may also be a whole number, as some published datasets number their classes; it is read as
 * its decimal text.
 */
public record LabelledText(String text, String label) {

    /** The label of a question the knowledge base is not meant to answer. */
    public static final String OUT_OF_SCOPE = "oos";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(label);
    }

    /**
     * Every row of a file.
     *
     * @throws IllegalArgumentException for a malformed line, naming its file and line number
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static List<LabelledText> read(Path file) {
        List<LabelledText> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    rows.add(parse(file, number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static LabelledText parse(Path file, int number, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode text = node.get("text");
            JsonNode label = node.get("label");
            String name = label == null ? null
                    : label.isString() ? label.asString().strip()
                    : label.isIntegralNumber() ? label.bigIntegerValue().toString()
                    : null;
            if (text != null && text.isString() && name != null && !name.isEmpty()) {
                return new LabelledText(text.asString(), name);
            }
        } catch (JacksonException malformed) {
            // reported below
        }
        throw new IllegalArgumentException(file + ":" + number + ": not a {\"text\": …, \"label\": …} row");
    }
}
