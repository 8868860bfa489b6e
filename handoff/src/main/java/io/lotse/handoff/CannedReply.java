package io.lotse.handoff;

/**
 * A reply agents insert instead of typing it; {@code {customer}} and {@code {agent}} in the text are
 * filled in by the console.
 */
public record CannedReply(String id, String title, String text, String locale) {}
