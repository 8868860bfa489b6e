package io.lotse.handoff;

/**
 * Where a conversation waits: its team's queue and its place there.
 *
 * @param team the team it waits for, {@code null} for any agent
 * @param position its place in that team's queue, 1 for the next one to be taken; 0 when it is not waiting there
 */
public record QueuePlace(String conversationId, String team, int position) {}
