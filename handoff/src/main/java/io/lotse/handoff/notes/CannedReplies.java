package io.lotse.handoff.notes;

import io.lettuce.core.api.sync.RedisCommands;
import io.lotse.handoff.CannedReply;
import io.lotse.handoff.store.Keys;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The team's canned replies, one Redis hash of id → JSON shared by every node. A team has dozens
 * of them, not thousands, so a search reads them all.
 */
public final class CannedReplies {

    private final RedisCommands<String, String> commands;
    private final String key;
    private final JsonMapper json = new JsonMapper();

    public CannedReplies(RedisCommands<String, String> commands, Keys keys) {
        this.commands = commands;
        this.key = keys.replies();
    }

    /**
     * The replies of a language ({@code null}: all) whose title or text contains every word of the
     * query, case and accents aside; by title.
     */
    public List<CannedReply> search(String query, String locale) {
        List<String> words = query == null ? List.of() : List.of(fold(query).split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        return commands.hvals(key).stream().map(v -> json.readValue(v, CannedReply.class))
                .filter(r -> locale == null || locale.equals(r.locale()))
                .filter(r -> {
                    String text = fold(r.title() + " " + r.text());
                    return words.stream().allMatch(text::contains);
                })
                .sorted(Comparator.comparing(CannedReply::title, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public Optional<CannedReply> get(String id) {
        return Optional.ofNullable(commands.hget(key, id)).map(v -> json.readValue(v, CannedReply.class));
    }

    /** Stores a new reply; false when the id is taken. */
    public boolean create(CannedReply reply) {
        return commands.hsetnx(key, reply.id(), json.writeValueAsString(reply));
    }

    /** Replaces a reply; false when there was none under its id. */
    public boolean replace(CannedReply reply) {
        if (!commands.hexists(key, reply.id())) {
            return false;
        }
        commands.hset(key, reply.id(), json.writeValueAsString(reply));
        return true;
    }

    public boolean delete(String id) {
        return commands.hdel(key, id) > 0;
    }

    /**
     * Lower case with every accent dropped ("für" as "fur", "café" as "cafe"), for a search that
     * ignores both. Canned replies may be in any language, so not the German umlaut spellings of
     * {@code io.lotse.knowledge.Language}, which this module does not use.
     */
    private static String fold(String text) {
        return Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
