package io.lotse.knowledge;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a node keeps its own Lucene index and under which prefix the shared articles live in Redis.
 *
 * <p>Every Redis key and the change channel start with {@code <keyPrefix>:kb:}; two deployments on
 * one Redis stay apart by using different prefixes. The index directory belongs to one node: it is
 * rebuilt from Redis on every start, so it may be deleted at any time the node is down.
 *
 * <p>Beside BM25 the index holds vectors of an in-process embedding model, chosen by
 * {@code embeddings}; the two-argument form takes {@link EmbeddingSettings#defaults()}.
 *
 * @param indexDir the folder of this node's Lucene index (created when missing)
 * @param keyPrefix the first part of every Redis key, such as {@code lotse}
 * @param embeddings the embedding model and the fusion weights per language
 */
public record KnowledgeBaseSettings(Path indexDir, String keyPrefix, EmbeddingSettings embeddings) {

    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9._{}-]{1,100}(:[A-Za-z0-9._{}-]{1,100})*");

    public KnowledgeBaseSettings {
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(embeddings, "embeddings");
        if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException(
                    "keyPrefix must be letters, digits, '.', '_', '-', '{', '}' (parts joined by ':'), not '" + keyPrefix + "'");
        }
    }

    /** The default embedding model and fusion weights. */
    public KnowledgeBaseSettings(Path indexDir, String keyPrefix) {
        this(indexDir, keyPrefix, EmbeddingSettings.defaults());
    }

    /** These settings with other embedding settings. */
    public KnowledgeBaseSettings withEmbeddings(EmbeddingSettings changed) {
        return new KnowledgeBaseSettings(indexDir, keyPrefix, changed);
    }
}
