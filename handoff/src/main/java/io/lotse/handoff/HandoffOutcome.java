package io.lotse.handoff;

/**
 * Where a request for an agent led.
 *
 * @param status {@code queued}, or {@code pending} when nobody could take it (outside business
 *     hours, or no agent of its team online), or where it already was
 * @param offlineReason {@code outside_hours} or {@code no_agent} when pending, else {@code null}
 * @param entry the queue entry (position 0 when not queued)
 */
public record HandoffOutcome(ConversationStatus status, String offlineReason, QueueEntry entry) {}
