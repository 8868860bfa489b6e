package io.lotse.handoff;

/** Something that changed, seen by every node: ids only, the details are read when needed. */
public sealed interface HandoffEvent {

    /** A conversation got the frame {@code seq}. */
    record FrameAppended(String conversationId, long seq) implements HandoffEvent {}

    /** The queue changed: a conversation joined or left it, or the subscription was renewed and may have missed changes. */
    record QueueChanged() implements HandoffEvent {}
}
