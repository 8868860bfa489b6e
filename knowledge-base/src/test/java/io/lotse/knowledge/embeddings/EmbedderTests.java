package io.lotse.knowledge.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.FusionWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding model, loaded once per JVM, and the query vectors it gives. */
class EmbedderTests {

    @TempDir
    Path dir;

    @Test
    void aRepeatedQuestionIsEmbeddedOnce() {
        Embedder embedder = Embedder.of(EmbeddingSettings.defaults());

        float[] first = embedder.embedQuery("Where is my parcel?");
        float[] again = embedder.embedQuery("  Where is   my parcel? ");

        assertThat(again).isSameAs(first);
        assertThat(Embedder.dot(first, first)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void theModelIsLoadedOncePerJvm() {
        assertThat(EmbeddingModels.shared(EmbeddingSettings.defaults())).isSameAs(EmbeddingModels.shared(EmbeddingSettings.defaults()));
    }

    @Test
    void aModelOnDiskIsUsedWithItsTokenizerAndPooling() throws IOException {
        // The default model's own files, copied out of its jar: the same vectors must come out.
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("bge-small-en-v1.5-q.onnx");
                InputStream tokens = getClass().getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
            Files.copy(in, model);
            Files.copy(tokens, tokenizer);
        }
        EmbeddingSettings onDisk = EmbeddingSettings.onnxFiles(model, tokenizer, EmbeddingSettings.Pooling.CLS);

        float[] fromDisk = Embedder.of(onDisk).embedQuery("When will my parcel arrive?");
        float[] packaged = Embedder.of(EmbeddingSettings.defaults()).embedQuery("When will my parcel arrive?");

        assertThat(Embedder.dot(fromDisk, packaged)).isGreaterThan(0.999);
        assertThat(FusionWeights.defaultFor("en", EmbeddingSettings.Model.ONNX_FILES).minCosine()).isEqualTo(0.5);
    }
}
