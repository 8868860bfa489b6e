package io.lotse.handoff.store;

import io.lotse.handoff.ConversationNotFoundException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversation ids: made here, and checked before any of them reaches a key name.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public final class ConversationIds {

    /** Ids this class makes are 32 hex digits; anything outside this pattern cannot name a conversation. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ConversationIds() {}

    /** A new random id. */
    public static String create() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** An id that cannot be one of ours names no conversation (and never reaches a key name). */
    public static void check(String id) {
        if (!valid(id)) {
            throw new ConversationNotFoundException(id);
        }
    }
}
