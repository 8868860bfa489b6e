package io.lotse.knowledge.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.lotse.knowledge.EmbeddingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding models of this JVM, each loaded once and shared by every knowledge base (and test)
 * that names it.
 *
 * <p>A model lives in native memory (about 100 MB each) and takes a second or so to load, so
 * loading one per knowledge base would waste both. The packaged models are read from their
 * LangChain4j artifacts' files rather than through LangChain4j's classes for them, because those
 * open the ONNX session with its defaults: one thread per core that spins while it waits. For one
 * short question that gains nothing, and next to other work it turned a 2 ms embedding into 6 ms at
 * the median and 30 to 55 ms at the 99th percentile on two busy cores. Here every run is
 * single-threaded without spinning; indexing runs two at once instead. The sessions are
 * thread-safe.
 */
final class EmbeddingModels {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingModels.class);
    private static final Map<String, EmbeddingModel> LOADED = new ConcurrentHashMap<>();

    private EmbeddingModels() {}

    /** The model the settings name, loaded on first use; never called with embeddings disabled. */
    static EmbeddingModel shared(EmbeddingSettings settings) {
        return LOADED.computeIfAbsent(key(settings), key -> load(settings));
    }

    /** A name for logs and for telling models apart. */
    static String key(EmbeddingSettings settings) {
        return switch (settings.model()) {
            case ONNX_FILES -> "onnx:" + settings.modelFile().toAbsolutePath() + "|" + settings.tokenizerFile().toAbsolutePath()
                    + "|" + settings.pooling();
            default -> settings.model().name();
        };
    }

    private static EmbeddingModel load(EmbeddingSettings settings) {
        long start = System.nanoTime();
        EmbeddingModel model = switch (settings.model()) {
            case NONE -> throw new IllegalArgumentException("embeddings are disabled");
            case ONNX_FILES -> fromFiles(settings);
            default -> packaged(settings.model());
        };
        log.info("Loaded the embedding model {} in {} ms", key(settings), (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    private static EmbeddingModel fromFiles(EmbeddingSettings settings) {
        for (Path file : List.of(settings.modelFile(), settings.tokenizerFile())) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the embedding model file " + file.toAbsolutePath());
            }
        }
        try (InputStream tokenizer = Files.newInputStream(settings.tokenizerFile())) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(settings.modelFile().toAbsolutePath().toString(), options());
            return new SessionModel(new OnnxBertBiEncoder(environment, session, tokenizer, pooling(settings.pooling())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer " + settings.tokenizerFile(), e);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load the ONNX model " + settings.modelFile() + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddingModel packaged(EmbeddingSettings.Model model) {
        ClassLoader loader = EmbeddingModels.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(model.resource() + ".onnx");
                InputStream tokenizer = loader.getResourceAsStream(model.resource() + "-tokenizer.json")) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException("The embedding model " + model + " is not on the class path: add the artifact "
                        + model.artifact() + " to the application");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.readAllBytes(), options());
            return new SessionModel(new OnnxBertBiEncoder(environment, session, tokenizer, pooling(model.packagedPooling())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + model, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + model + ": " + e.getMessage(), e);
        }
    }

    /** One thread per run, no spinning while idle (see the class comment). */
    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    private static PoolingMode pooling(EmbeddingSettings.Pooling pooling) {
        return pooling == EmbeddingSettings.Pooling.CLS ? PoolingMode.CLS : PoolingMode.MEAN;
    }

    /** LangChain4j's in-process model around an encoder whose session this class opened. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        SessionModel(OnnxBertBiEncoder encoder) {
            // Texts are embedded one call each (indexing runs its own threads), so no executor of its own.
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
