package io.lotse.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding models of this JVM, each loaded once and shared by every knowledge base (and test)
 * that names it.
 *
 * <p>A model lives in native memory (about 100 MB each) and takes a second or two to load, so
 * loading one per knowledge base would waste both. The ONNX sessions are thread-safe. A packaged
 * model is found by class name, so that one whose artifact the application left out fails with a
 * message that names the artifact instead of a {@link NoClassDefFoundError}.
 */
final class EmbeddingModels {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingModels.class);
    private static final Map<String, EmbeddingModel> LOADED = new ConcurrentHashMap<>();

    private EmbeddingModels() {}

    /** The model the settings name, loaded on first use; never called with embeddings disabled. */
    static EmbeddingModel shared(EmbeddingSettings settings) {
        return LOADED.computeIfAbsent(key(settings), key -> load(settings));
    }

    /** A name for logs and for telling vectors of different models apart. */
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
        PoolingMode pooling = settings.pooling() == EmbeddingSettings.Pooling.CLS ? PoolingMode.CLS : PoolingMode.MEAN;
        return new OnnxEmbeddingModel(settings.modelFile(), settings.tokenizerFile(), pooling);
    }

    private static EmbeddingModel packaged(EmbeddingSettings.Model model) {
        try {
            Class<?> type = Class.forName(model.className(), true, EmbeddingModels.class.getClassLoader());
            return (EmbeddingModel) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The embedding model " + model + " is not on the class path: add the artifact"
                    + " dev.langchain4j:langchain4j-embeddings-" + model.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " to the application", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot load the embedding model " + model, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the embedding model " + model, e);
        }
    }
}
