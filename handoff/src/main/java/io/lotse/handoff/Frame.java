package io.lotse.handoff;

/**
 * One stored frame of a conversation.
 *
 * @param json the whole frame as sent to the customer, {@code seq} and {@code ts} included
 */
public record Frame(long seq, String type, String json) {}
