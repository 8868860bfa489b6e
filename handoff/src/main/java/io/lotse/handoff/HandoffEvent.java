package io.lotse.handoff;

/** Something that changed, seen by every node: ids only, the details are read when needed. */
public sealed interface HandoffEvent {

    /** A conversation got the frame {@code seq}. */
    record FrameAppended(String conversationId, long seq) implements HandoffEvent {}

    /** The queue changed: a conversation joined or left it, or the subscription was renewed and may have missed changes. */
    record QueueChanged() implements HandoffEvent {}

    /** A conversation went to an agent (by a claim, the queue being served, or a transfer). */
    record Assigned(String conversationId, String agent) implements HandoffEvent {}

    /** A conversation got an internal note. */
    record NoteAdded(String conversationId, long number) implements HandoffEvent {}

    /** An agent's presence or load changed. */
    record AgentsChanged() implements HandoffEvent {}

    /** Someone is typing: {@code from} is {@code customer} or {@code agent}. Neither stored nor numbered. */
    record Typing(String conversationId, String from) implements HandoffEvent {}

    /** A conversation was erased (by an administrator, or at the end of its retention): it is gone everywhere. */
    record Erased(String conversationId) implements HandoffEvent {}

    /** The customer's connection came or went. */
    record CustomerPresence(String conversationId, boolean online) implements HandoffEvent {}
    /**
     * The subscription was renewed after a lost connection: every event published meanwhile is lost,
     * so whatever depends on them should be read again from the store. Comes before the
     * {@link QueueChanged} that is sent for the same reason.
     */
    record Resubscribed() implements HandoffEvent {}
}
