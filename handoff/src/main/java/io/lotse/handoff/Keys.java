package io.lotse.handoff;

/**
 * The one place Redis key names of the handoff are made.
 *
 * <p>A conversation's keys share the hash tag {@code {<id>}}: {@code <prefix>:conv:{<id>}:meta}
 * (hash), {@code :frames} (list of frame JSON, index = seq − 1) and {@code :ids} (hash of the
 * customer's client ids to seqs). Beside them: {@code <prefix>:queue} (sorted set of waiting ids by
 * arrival: the queue time in ms, made one more than the previous score on a tie), {@code <prefix>:status:bot|assigned|closed} (sorted sets of ids by the time of
 * their last change), {@code <prefix>:waits} (the recent waits in seconds, newest first) and the
 * channel {@code <prefix>:events}. The Lua scripts build other conversations' keys from
 * {@link #conversationPrefix()} the same way as {@link #meta} and {@link #frames}.
 */
final class Keys {

    private final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    /** What comes before a conversation id in its keys. */
    String conversationPrefix() {
        return prefix + ":conv:{";
    }

    String meta(String id) {
        return conversationPrefix() + id + "}:meta";
    }

    String frames(String id) {
        return conversationPrefix() + id + "}:frames";
    }

    String ids(String id) {
        return conversationPrefix() + id + "}:ids";
    }

    String queue() {
        return prefix + ":queue";
    }

    /** The index of conversations in a status; for {@code QUEUED} that is the queue. */
    String index(ConversationStatus status) {
        return status == ConversationStatus.QUEUED ? queue() : prefix + ":status:" + status.code();
    }

    String waits() {
        return prefix + ":waits";
    }

    String events() {
        return prefix + ":events";
    }
}
