package io.lotse.handoff;

import java.util.List;

/**
 * One page of the queue.
 *
 * @param entries the waiting conversations of the page, in queue order
 * @param total how many conversations wait in all
 * @param next the cursor of the page after this one, {@code null} when this is the last; opaque
 *     text to pass back as it is
 */
public record QueuePage(List<QueueEntry> entries, long total, String next) {}
