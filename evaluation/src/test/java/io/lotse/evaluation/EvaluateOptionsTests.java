package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateOptionsTests {

    @TempDir
    Path dir;

    private Path dataset() throws IOException {
        Path dataset = Files.createDirectories(dir.resolve("clinc150"));
        Files.writeString(dataset.resolve("train.jsonl"), "");
        Files.writeString(dataset.resolve("test.jsonl"), "");
        return dataset;
    }

    @Test
    void aDatasetFolderWithItsOptions() throws IOException {
        EvaluateOptions options = EvaluateOptions.parse(List.of(dataset().toString(), "--shots", "5", "--seed", "7",
                "--locale", "DE", "--max-wrong-answer-rate", "0.1"));

        assertThat(options.knowledgeBaseMode()).isFalse();
        assertThat(options.name()).isEqualTo("clinc150");
        assertThat(options.shots()).isEqualTo(5);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.locale()).isEqualTo("de");
        assertThat(options.maxWrongAnswerRate()).isEqualTo(0.1);
    }

    @Test
    void theDefaults() throws IOException {
        EvaluateOptions options = EvaluateOptions.parse(List.of(dataset().toString()));

        assertThat(options.shots()).isZero();
        assertThat(options.seed()).isEqualTo(EvaluateCommand.DEFAULT_SEED);
        assertThat(options.locale()).as("detected from train.jsonl").isNull();
        assertThat(options.details()).isNull();
        assertThat(options.maxWrongAnswerRate()).isEqualTo(0.05);
    }

    @Test
    void aKnowledgeBaseIsNamedAfterTheQuestionsFolder() throws IOException {
        Path questions = Files.createDirectories(dir.resolve("nordlicht-de")).resolve("questions.jsonl");
        Files.writeString(questions, "");

        EvaluateOptions options = EvaluateOptions.parse(List.of("--kb", dir.toString(), questions.toString()));

        assertThat(options.knowledgeBaseMode()).isTrue();
        assertThat(options.name()).isEqualTo("nordlicht-de");
        assertThat(options.locale()).isNull();
    }

    @Test
    void mistakesAreUsageErrors() throws IOException {
        String dataset = dataset().toString();

        assertThatThrownBy(() -> EvaluateOptions.parse(List.of(dataset, "--shots"))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--shots needs a value");
        assertThatThrownBy(() -> EvaluateOptions.parse(List.of(dataset, "--locale", "fr"))).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> EvaluateOptions.parse(List.of(dataset, "--max-wrong-answer-rate", "2")))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> EvaluateOptions.parse(List.of(dataset, dataset))).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> EvaluateOptions.parse(List.of("--kb", dir.toString(), "missing.jsonl")))
                .isInstanceOf(UsageException.class).hasMessageContaining("no questions file");
        assertThatThrownBy(() -> EvaluateOptions.parse(List.of("--kb", dir.toString(), dataset + "/train.jsonl", "--shots", "5")))
                .isInstanceOf(UsageException.class);
    }
}
