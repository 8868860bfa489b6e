package io.lotse.handoff;

import java.util.List;
import java.util.Map;

/**
 * Everything the handoff stores about one conversation, for a person's request to see their data.
 *
 * @param conversation the conversation as read everywhere else
 * @param stored every field stored with it, as stored (status, times, customer, agent, rating,
 *     message left, the bot's state, …)
 * @param clientMessageIds the customer's message ids, each with the seq of its frame
 * @param frames every frame of the transcript, notes apart
 * @param notes the agents' internal notes
 * @param queueEntry its entry in the queue (position 0 when it does not wait there now), or
 *     {@code null} when it never waited
 * @param listedIn the lists that name it, each with its score there ({@code null} for a set without
 *     scores): {@code queue}, {@code status:closed}, {@code agent:<name>:open}, {@code customers:seen}, …
 */
public record ConversationExport(Conversation conversation, Map<String, String> stored, Map<String, String> clientMessageIds,
        List<Frame> frames, List<Note> notes, QueueEntry queueEntry, Map<String, Double> listedIn) {}
