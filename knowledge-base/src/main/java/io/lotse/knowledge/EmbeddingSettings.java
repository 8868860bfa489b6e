package io.lotse.knowledge;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which in-process embedding model the index uses beside BM25, and how each language fuses the
 * signals.
 *
 * <p>The packaged models ship inside their Maven artifacts, so nothing is downloaded at run time;
 * a model is loaded once per JVM and shared by every knowledge base that names it. Another ONNX
 * model (a multilingual one, for example) is used by pointing {@link #onnxFiles} at its
 * {@code model.onnx} and {@code tokenizer.json}. {@link #disabled()} searches with BM25 alone.
 *
 * @param model the packaged model, {@link Model#ONNX_FILES} for files on disk, or {@link Model#NONE}
 * @param modelFile the ONNX model file; only with {@link Model#ONNX_FILES}, else {@code null}
 * @param tokenizerFile the Hugging Face {@code tokenizer.json}; only with {@link Model#ONNX_FILES}
 * @param pooling how token vectors become one text vector; only with {@link Model#ONNX_FILES}
 * @param queryCacheSize how many query vectors are kept, the likeliest to be asked again kept (0: none)
 * @param fusion weights per language code; a language not named gets {@link FusionWeights#defaultFor(String, Model)}
 */
public record EmbeddingSettings(
        Model model, Path modelFile, Path tokenizerFile, Pooling pooling, int queryCacheSize, Map<String, FusionWeights> fusion) {

    /** The default number of cached query vectors: a few hours of distinct questions on a busy node. */
    public static final int DEFAULT_QUERY_CACHE_SIZE = 2048;

    /** The model chosen by the retrieval evaluation (see the module README). */
    public static final Model DEFAULT_MODEL = Model.BGE_SMALL_EN_V15_Q;

    /** The embedding models this module knows. */
    public enum Model {
        /** No embeddings: BM25 alone. */
        NONE(null, null),
        /** all-MiniLM-L6-v2, quantised (English, 384 dimensions, about 23 MB). */
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", Pooling.MEAN),
        /** all-MiniLM-L6-v2 (English, 384 dimensions); its artifact must be added to the application. */
        ALL_MINILM_L6_V2("all-minilm-l6-v2", Pooling.MEAN),
        /** bge-small-en-v1.5, quantised (English, 384 dimensions, about 34 MB); the default. */
        BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", Pooling.CLS),
        /** bge-small-en-v1.5 (English, 384 dimensions); its artifact must be added to the application. */
        BGE_SMALL_EN_V15("bge-small-en-v1.5", Pooling.CLS),
        /** An ONNX model and tokenizer on disk, named by {@link #modelFile} and {@link #tokenizerFile}. */
        ONNX_FILES(null, null);

        private final String resource;
        private final Pooling pooling;

        Model(String resource, Pooling pooling) {
            this.resource = resource;
            this.pooling = pooling;
        }

        /** The base name of a packaged model's files on the class path ({@code <name>.onnx}, {@code <name>-tokenizer.json}). */
        public String resource() {
            return resource;
        }

        /** How a packaged model pools, as LangChain4j's own class for it does. */
        public Pooling packagedPooling() {
            return pooling;
        }

        /** The Maven artifact that ships a packaged model. */
        public String artifact() {
            return "dev.langchain4j:langchain4j-embeddings-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** How an ONNX model's token vectors are pooled into one vector per text. */
    public enum Pooling {
        /** The average of the token vectors (sentence-transformers models such as MiniLM or e5). */
        MEAN,
        /** The vector of the first token (BGE and other CLS-pooled models). */
        CLS
    }

    public EmbeddingSettings {
        Objects.requireNonNull(model, "model");
        if (model == Model.ONNX_FILES) {
            Objects.requireNonNull(modelFile, "modelFile");
            Objects.requireNonNull(tokenizerFile, "tokenizerFile");
            Objects.requireNonNull(pooling, "pooling");
        } else if (modelFile != null || tokenizerFile != null) {
            throw new IllegalArgumentException("modelFile and tokenizerFile belong to Model.ONNX_FILES only");
        }
        if (queryCacheSize < 0 || queryCacheSize > 1_000_000) {
            throw new IllegalArgumentException("queryCacheSize must be between 0 and 1000000, not " + queryCacheSize);
        }
        fusion = fusion == null ? Map.of() : Map.copyOf(new TreeMap<>(fusion));
    }

    /** The default model with the default weights. */
    public static EmbeddingSettings defaults() {
        return packaged(DEFAULT_MODEL);
    }

    /** BM25 alone, without embeddings. */
    public static EmbeddingSettings disabled() {
        return new EmbeddingSettings(Model.NONE, null, null, null, 0, Map.of());
    }

    /** A model packaged with LangChain4j (or {@link Model#NONE}). */
    public static EmbeddingSettings packaged(Model model) {
        if (model == Model.ONNX_FILES) {
            throw new IllegalArgumentException("use onnxFiles(…) for a model on disk");
        }
        return new EmbeddingSettings(model, null, null, null, DEFAULT_QUERY_CACHE_SIZE, Map.of());
    }

    /** An ONNX model and its Hugging Face {@code tokenizer.json} on disk, loaded once per JVM. */
    public static EmbeddingSettings onnxFiles(Path modelFile, Path tokenizerFile, Pooling pooling) {
        return new EmbeddingSettings(Model.ONNX_FILES, modelFile, tokenizerFile, pooling, DEFAULT_QUERY_CACHE_SIZE, Map.of());
    }

    /**
     * The settings a configuration names: a packaged model by its name ({@code bge-small-en-v15-q},
     * {@code all-minilm-l6-v2-q}, any case, {@code -}, {@code _} or {@code .} alike), {@code none} for
     * BM25 alone, or {@code onnx} with the files on disk and their pooling ({@code mean} or {@code cls}).
     *
     * @param option how the caller's configuration names these values ({@code chatbot.embeddings.},
     *     {@code --}), for messages such as "{@code <option>model=onnx needs <option>model-file and tokenizer-file}"
     * @throws IllegalArgumentException for a name, missing file setting or pooling that does not work
     */
    public static EmbeddingSettings named(String option, String model, Path modelFile, Path tokenizerFile, String pooling) {
        String name = model == null ? "" : model.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        if (name.equals("ONNX") || name.equals("ONNX_FILES")) {
            if (modelFile == null || tokenizerFile == null) {
                throw new IllegalArgumentException(option + "model=onnx needs " + option + "model-file and tokenizer-file");
            }
            return onnxFiles(modelFile, tokenizerFile, Pooling.valueOf(pooling.strip().toUpperCase(Locale.ROOT)));
        }
        for (Model each : Model.values()) {
            if (each.name().equals(name) && each != Model.ONNX_FILES) {
                return each == Model.NONE ? disabled() : packaged(each);
            }
        }
        throw new IllegalArgumentException(option + "model must be bge-small-en-v15-q, all-minilm-l6-v2-q, none or onnx, not '"
                + model + "'");
    }

    /** These settings with other fusion weights for one language. */
    public EmbeddingSettings withFusion(String locale, FusionWeights weights) {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(weights, "weights");
        Map<String, FusionWeights> changed = new TreeMap<>(fusion);
        changed.put(locale, weights);
        return new EmbeddingSettings(model, modelFile, tokenizerFile, pooling, queryCacheSize, changed);
    }

    /** These settings with another query cache size. */
    public EmbeddingSettings withQueryCacheSize(int size) {
        return new EmbeddingSettings(model, modelFile, tokenizerFile, pooling, size, fusion);
    }

    /** Whether an embedding model is used at all. */
    public boolean enabled() {
        return model != Model.NONE;
    }

    /** The weights one language's search uses: the configured ones, else the defaults. */
    public FusionWeights fusionFor(String locale) {
        if (!enabled()) {
            return FusionWeights.LEXICAL;
        }
        FusionWeights configured = fusion.get(locale);
        return configured != null ? configured : FusionWeights.defaultFor(locale, model);
    }
}
