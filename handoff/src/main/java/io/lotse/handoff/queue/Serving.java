package io.lotse.handoff.queue;

import io.lettuce.core.ScoredValue;
import io.lotse.handoff.AgentState;
import io.lotse.handoff.AgentUnavailableException;
import io.lotse.handoff.AlreadyClaimedException;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.NotQueuedException;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the queue: while a conversation waits and an online agent of its team has room, the one
 * waiting first (by priority) goes to the agent the {@link AgentSelector} picks.
 *
 * <p>Any node may serve at any time; each assignment is checked in Redis, so a conversation goes
 * to exactly one agent and nobody beyond their capacity.
 */
public final class Serving {

    private static final Logger log = LoggerFactory.getLogger(Serving.class);
    /** Assignments one call of {@link #serve()} makes at most, so one node never serves for long. */
    private static final int SERVE_LIMIT = 200;

    private final Store store;
    private final Agents agents;
    private final Assignment assignment;
    private final AgentSelector selector = new AgentSelector();

    public Serving(Store store, Agents agents, Assignment assignment) {
        this.store = store;
        this.agents = agents;
        this.assignment = assignment;
    }

    /** Serves the queue; returns how many conversations were assigned. */
    public int serve() {
        int assigned = 0;
        int attempts = 0;
        List<AgentState> states = new ArrayList<>(agents.states());
        while (assigned < SERVE_LIMIT && attempts++ < 2 * SERVE_LIMIT) {
            List<AgentState> free = selector.free(states);
            if (free.isEmpty()) {
                return assigned;
            }
            Candidate next = nextCandidate(free);
            if (next == null) {
                return assigned;
            }
            AgentState agent = next.agent();
            try {
                assignment.assign(next.conversationId(), agent.name(), agent.displayName(), "auto");
                assigned++;
                states.set(states.indexOf(agent), new AgentState(agent.name(), agent.displayName(), agent.status(),
                        agent.capacity(), agent.active() + 1, agent.teams(), store.now()));
            } catch (AgentUnavailableException e) {
                states = new ArrayList<>(agents.states());
                if (selector.free(states).isEmpty()) {
                    return assigned;
                }
            } catch (NotQueuedException | AlreadyClaimedException | ConversationClosedException | ConversationNotFoundException e) {
                log.debug("Serving the queue: {} was taken meanwhile", next.conversationId());
                dropIfStale(next);
            }
        }
        return assigned;
    }

    private record Candidate(String conversationId, String team, double score, AgentState agent) {}

    /**
     * Removes the head of a team's queue when the conversation no longer waits there (taken, closed,
     * or moved to another team meanwhile), so that it cannot be picked again and again.
     */
    private void dropIfStale(Candidate candidate) {
        String teamQueue = store.keys().teamQueue(candidate.team());
        Map<String, String> meta = Store.fields(store.sync().hmget(store.keys().meta(candidate.conversationId()), "status", "team"));
        boolean waitsHere = "queued".equals(meta.get("status"))
                && store.keys().teamQueue(meta.get("team")).equals(teamQueue);
        if (!waitsHere) {
            store.sync().zrem(teamQueue, candidate.conversationId());
            if (!"queued".equals(meta.get("status"))) {
                store.sync().zrem(store.keys().queue(), candidate.conversationId());
            }
        }
    }

    /** The first waiting conversation, by priority across the queues free agents serve, with the agent for it. */
    private Candidate nextCandidate(List<AgentState> free) {
        Set<String> teams = new LinkedHashSet<>();
        teams.add("");
        free.forEach(a -> teams.addAll(a.teams()));
        Candidate best = null;
        for (String team : teams) {
            List<ScoredValue<String>> head = store.sync().zrangeWithScores(store.keys().teamQueue(team), 0, 0);
            if (head.isEmpty() || (best != null && head.get(0).getScore() >= best.score())) {
                continue;
            }
            Optional<AgentState> agent = selector.select(free, team.isEmpty() ? null : team);
            if (agent.isPresent()) {
                best = new Candidate(head.get(0).getValue(), team.isEmpty() ? null : team, head.get(0).getScore(), agent.get());
            }
        }
        return best;
    }
}
