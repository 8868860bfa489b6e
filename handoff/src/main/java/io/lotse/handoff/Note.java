package io.lotse.handoff;

/**
 * An internal note of an agent on a conversation, never shown to the customer.
 *
 * @param number 1 for the conversation's first note
 * @param json the note as a transcript frame: {@code type} {@code note}, {@code number},
 *     {@code afterSeq} (the last frame before it), {@code text}, {@code agent}, {@code ts}, and for
 *     a transfer's note what went where
 */
public record Note(long number, long afterSeq, String json) {}
