package io.lotse.web;

import io.lotse.knowledge.EmbeddingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code chatbot.*} setting of a node; each may also be given as an environment variable
 * ({@code CHATBOT_DATA_DIR}, …).
 *
 * @param dataDir where the Lucene index and the embedded Redis keep their files
 * @param knowledge where articles come from at start-up
 * @param users the people who may sign in, by user name; empty means two generated users
 * @param redis Redis settings beyond {@code spring.data.redis.url}
 * @param chat limits of the customer chat
 * @param bot the bot's decision thresholds
 * @param embeddings the embedding model of the hybrid search
 * @param security secrets and allowed origins
 */
@ConfigurationProperties("chatbot")
public record LotseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Knowledge knowledge,
        Map<String, User> users,
        @DefaultValue Redis redis,
        @DefaultValue Chat chat,
        @DefaultValue Bot bot,
        @DefaultValue Embeddings embeddings,
        @DefaultValue Security security) {

    public LotseProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** @param importDir a folder of article files to upsert at start-up; when set, no samples are loaded */
    public record Knowledge(Path importDir) {}

    /**
     * @param password {@code {noop}…} or {@code {bcrypt}…}
     * @param roles comma-separated of {@code AGENT}, {@code EDITOR}, {@code ADMIN}
     * @param displayName the name customers see for an agent; the user name when absent
     */
    public record User(String password, String roles, String displayName) {}

    /**
     * @param keyPrefix the first part of every Redis key, so several installations can share one server
     * @param embeddedPort the port of the embedded Redis; 0 picks a free one
     * @param timeout how long a Redis command may take before the node treats Redis as unreachable
     */
    public record Redis(
            @DefaultValue("lotse") String keyPrefix,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("2s") Duration timeout) {}

    /**
     * @param maxMessageLength the longest customer or agent message, in characters
     * @param rateLimitMessages how many messages one conversation may send per {@code rateLimitWindow}
     * @param rateLimitWindow the window of the rate limit
     * @param closedRetention how long a closed conversation is kept
     */
    public record Chat(
            @DefaultValue("2000") int maxMessageLength,
            @DefaultValue("10") int rateLimitMessages,
            @DefaultValue("10s") Duration rateLimitWindow,
            @DefaultValue("30d") Duration closedRetention) {}

    /**
     * The bot's decision. Confidences are calibrated probabilities, 0..1, that the article is right;
     * absent thresholds come from the calibration.
     *
     * @param answerThreshold the confidence from which the bot answers
     * @param clarifyThreshold the confidence from which close candidates are offered as a choice
     *     (at most the answer threshold)
     * @param clarifyMargin how close, in confidence, another article must be to the top one for the
     *     bot to ask which was meant instead of answering; absent: the engine's default
     */
    public record Bot(Double answerThreshold, Double clarifyThreshold, Double clarifyMargin) {}

    /**
     * The embedding model of the hybrid search: a model packaged in the application, none (BM25
     * alone), or an ONNX model with its tokenizer on disk (for example a multilingual one).
     *
     * @param model {@code bge-small-en-v15-q} (default), {@code all-minilm-l6-v2-q}, {@code none} or {@code onnx}
     * @param modelFile with {@code onnx}: the {@code .onnx} file
     * @param tokenizerFile with {@code onnx}: the model's {@code tokenizer.json}
     * @param pooling with {@code onnx}: {@code mean} or {@code cls}, as the model was trained
     */
    public record Embeddings(
            @DefaultValue("bge-small-en-v15-q") String model, Path modelFile, Path tokenizerFile,
            @DefaultValue("mean") String pooling) {

        /** These settings for the knowledge base; a clear message for a model name or file that does not work. */
        public EmbeddingSettings settings() {
            String name = model == null ? "" : model.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            if (name.equals("ONNX") || name.equals("ONNX_FILES")) {
                if (modelFile == null || tokenizerFile == null) {
                    throw new IllegalArgumentException("chatbot.embeddings.model=onnx needs chatbot.embeddings.model-file and tokenizer-file");
                }
                return EmbeddingSettings.onnxFiles(modelFile, tokenizerFile,
                        EmbeddingSettings.Pooling.valueOf(pooling.strip().toUpperCase(Locale.ROOT)));
            }
            for (EmbeddingSettings.Model each : EmbeddingSettings.Model.values()) {
                if (each.name().equals(name) && each != EmbeddingSettings.Model.ONNX_FILES) {
                    return each == EmbeddingSettings.Model.NONE ? EmbeddingSettings.disabled() : EmbeddingSettings.packaged(each);
                }
            }
            throw new IllegalArgumentException("chatbot.embeddings.model must be bge-small-en-v15-q, all-minilm-l6-v2-q, none or onnx, not '"
                    + model + "'");
        }
    }

    /**
     * @param tokenSecret the key that signs customer tokens; absent: one is generated once and kept in Redis,
     *     so every node of an installation shares it
     * @param allowedOrigins the web origins whose pages may open the chat WebSocket ({@code *}: any)
     */
    public record Security(String tokenSecret, @DefaultValue("*") List<String> allowedOrigins) {}
}
