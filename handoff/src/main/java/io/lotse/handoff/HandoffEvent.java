package io.lotse.handoff;

/** Something that changed, seen by every node: ids only, the details are read when needed. */
public sealed interface HandoffEvent {

    /** A conversation got the frame {@code seq}. */
    record FrameAppended(String conversationId, long seq) implements HandoffEvent {}

    /** The queue changed: a conversation joined or left it, or the subscription was renewed and may have missed changes. */
    record QueueChanged() implements HandoffEvent {}

    /**
     * The subscription was renewed after a lost connection: every event published meanwhile is lost,
     * so whatever depends on them should be read again from the store. Comes before the
     * {@link QueueChanged} that is sent for the same reason.
     */
    record Resubscribed() implements HandoffEvent {}
}
