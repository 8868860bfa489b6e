package io.lotse.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextTests {

    @TempDir
    Path dir;

    @Test
    void rowsAreReadWithTheirLabelsAndBlankLinesSkipped() throws IOException {
        Path file = dir.resolve("train.jsonl");
        Files.writeString(file, """
                {"text": "Wo ist mein Paket?", "label": " sendungsverfolgung ", "id": 7}

                {"text": "what's the weather", "label": "oos"}
                {"text": "card not arrived", "label": 11}
                """);

        assertThat(LabelledText.read(file)).containsExactly(
                new LabelledText("Wo ist mein Paket?", "sendungsverfolgung"),
                new LabelledText("what's the weather", "oos"),
                new LabelledText("card not arrived", "11"));
        assertThat(LabelledText.read(file).get(1).outOfScope()).isTrue();
    }

    @Test
    void aRowWithoutTextOrWithAnUnusableLabelNamesItsLine() throws IOException {
        for (String row : new String[] {"{\"text\": \"hi\", \"label\": 1.5}", "{\"text\": \"hi\", \"label\": \" \"}",
                "{\"text\": \"hi\", \"label\": null}", "{\"text\": 3, \"label\": \"a\"}", "{\"label\": \"a\"}", "[1, 2]"}) {
            Path file = dir.resolve("rows.jsonl");
            Files.writeString(file, "{\"text\": \"hello\", \"label\": \"a\"}\n" + row + "\n");

            assertThatThrownBy(() -> LabelledText.read(file)).as(row)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("rows.jsonl:2: not a {\"text\": …, \"label\": …} row");
        }
    }
}
