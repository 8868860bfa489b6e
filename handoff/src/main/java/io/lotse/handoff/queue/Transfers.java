package io.lotse.handoff.queue;

import io.lotse.handoff.AgentProfile;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.NotQueuedException;
import io.lotse.handoff.NotYourConversationException;
import io.lotse.handoff.UnknownTargetException;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.notes.Notes;
import io.lotse.handoff.notes.Notes.Move;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a conversation from the agent who has it: to a team's queue at its old place, straight to
 * another agent, or, when the agent went offline, to the front of the queue.
 *
 * <p>The customer never notices more than who is answering; the agents get a note of what went where.
 */
public final class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final Store store;
    private final Keys keys;
    private final HandoffSettings settings;
    private final HandoffMetrics metrics;
    private final ConversationReads reads;
    private final Agents agents;
    private final Notes notes;
    private final Assignment assignment;
    private final Serving serving;
    private final Estimates estimates;

    public Transfers(Store store, HandoffSettings settings, HandoffMetrics metrics, ConversationReads reads, Agents agents,
            Notes notes, Assignment assignment, Serving serving, Estimates estimates) {
        this.store = store;
        this.keys = store.keys();
        this.settings = settings;
        this.metrics = metrics;
        this.reads = reads;
        this.agents = agents;
        this.notes = notes;
        this.assignment = assignment;
        this.serving = serving;
        this.estimates = estimates;
    }

    /** Every team: those articles' categories go to, and those agents are in. */
    public Set<String> teams() {
        Set<String> teams = new LinkedHashSet<>(settings.teamByCategory().values());
        teams.addAll(agents.teams());
        return teams;
    }

    /** An administrator gives a waiting conversation to an agent, or moves an assigned one to another agent. */
    public Conversation reassign(String id, String toAgent, String byAdmin, String note) {
        ConversationIds.check(id);
        AgentProfile target = agents.profile(toAgent).orElseThrow(() -> new UnknownTargetException("agent", toAgent));
        Conversation conversation = reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        if (conversation.status() == ConversationStatus.ASSIGNED) {
            toAgent(id, conversation.agent(), toAgent, note, byAdmin);
        } else {
            assignment.assign(id, target.name(), target.displayName(), "admin");
            if (note != null && !note.isBlank()) {
                notes.add(id, byAdmin, note, new Move(null, toAgent, null, null));
            }
        }
        return reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    /** The assigned agent hands the conversation to a team, at its old place in the queue, with a note. */
    public void toTeam(String id, String agent, String teamName, String note) {
        ConversationIds.check(id);
        String team = teamName.toLowerCase(Locale.ROOT);
        if (!teams().contains(team)) {
            throw new UnknownTargetException("team", team);
        }
        Map<String, String> meta = reads.meta(id);
        String fromTeam = ConversationReads.blankToNull(meta.get("team"));
        release(id, agent, "team", null, team, oldPlace(meta));
        notes.add(id, agent, note, new Move(null, null, Objects.requireNonNullElse(fromTeam, ""), team));
        metrics.transferred(fromTeam, "team");
        serving.serve();
    }

    /** The agent hands the conversation straight to a colleague, who must be online with room; the note is the author's. */
    public void toAgent(String id, String agent, String toAgent, String note, String noteAuthor) {
        ConversationIds.check(id);
        AgentProfile target = agents.profile(toAgent).orElseThrow(() -> new UnknownTargetException("agent", toAgent));
        String team = reads.team(id);
        release(id, agent, "agent", target, team, 0);
        notes.add(id, noteAuthor, note, new Move(agent, toAgent, null, null));
        metrics.transferred(team, "agent");
    }

    /** Every conversation of the agent goes back to the front of its team's queue; one that cannot stays. */
    public void requeueAll(String agent) {
        for (String id : agents.open(agent)) {
            try {
                Map<String, String> meta = reads.meta(id);
                String team = ConversationReads.blankToNull(meta.get("team"));
                release(id, agent, "front", null, team, oldPlace(meta));
            } catch (NotQueuedException | NotYourConversationException | ConversationClosedException | ConversationNotFoundException e) {
                log.debug("Conversation {} of {} stays: {}", id, agent, e.getMessage());
                store.sync().srem(keys.agentOpen(agent), id);
            }
        }
    }

    private void release(String id, String agent, String mode, AgentProfile target, String team, long score) {
        Instant now = store.now();
        FrameJson.Parts assigned = store.frameJson().parts("handoff",
                new Frames.Assigned(target == null ? "" : target.displayName()), now);
        String targetName = target == null ? "-" : target.name();
        Script.RELEASE.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.queue(), keys.teamQueue(team), keys.index(ConversationStatus.ASSIGNED),
                        keys.agentOpen(agent), keys.agent(targetName), keys.agentOpen(targetName)),
                id, keys.events(), now.toEpochMilli(), now, mode, agent, target == null ? "" : target.name(),
                target == null ? "" : target.displayName(), team, score, assigned.head(), assigned.tail(),
                estimates.perPosition(team)).orThrow(id);
    }

    /** The queue score the conversation had when it first waited: its old place in any team's queue. */
    private static long oldPlace(Map<String, String> meta) {
        String score = meta.get("queueScore");
        if (score != null) {
            return Long.parseLong(score);
        }
        String queuedAt = meta.get("queuedAtMs");
        return QueueScore.of(ConversationReads.blankToNull(meta.get("tier")), queuedAt == null ? 0 : Long.parseLong(queuedAt));
    }
}
