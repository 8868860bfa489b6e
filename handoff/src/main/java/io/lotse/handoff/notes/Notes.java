package io.lotse.handoff.notes;

import io.lotse.handoff.AgentProfile;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.Note;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.util.List;
import java.util.Objects;

/**
 * The agents' internal notes on a conversation: in the agents' transcript, never sent to the
 * customer.
 *
 * <p>Notes are kept apart from the frames, numbered on their own, each with the seq of the frame
 * it follows; a transfer's note says what went where.
 */
public final class Notes {

    private final Store store;
    private final Keys keys;
    private final Agents agents;

    public Notes(Store store, Agents agents) {
        this.store = store;
        this.keys = store.keys();
        this.agents = agents;
    }

    /** Where a transfer took a conversation, for its note; all {@code null} for a plain note. */
    public record Move(String fromAgent, String toAgent, String fromTeam, String toTeam) {

        public static final Move NONE = new Move(null, null, null, null);
    }

    /** Adds a note by an agent, with the agent's display name as configured. */
    public Note add(String id, String agent, String text, Move move) {
        ConversationIds.check(id);
        FrameJson.Parts note = store.frameJson().parts("note", new Frames.Note(Objects.requireNonNullElse(text, ""), agent,
                agents.profile(agent).map(AgentProfile::displayName).orElse(agent), move.fromAgent(), move.toAgent(),
                move.fromTeam(), move.toTeam()), store.now());
        long number = Script.NOTE.run(store.sync(), List.of(keys.meta(id), keys.notes(id), keys.frames(id)),
                id, keys.events(), note.head(), note.tail()).orThrow(id).number();
        return notes(id).stream().filter(n -> n.number() == number).findFirst()
                .orElseThrow(() -> new ConversationNotFoundException(id));
    }

    public List<Note> notes(String id) {
        return ConversationIds.valid(id)
                ? store.sync().lrange(keys.notes(id), 0, -1).stream().map(store.frameJson()::note).toList()
                : List.of();
    }
}
