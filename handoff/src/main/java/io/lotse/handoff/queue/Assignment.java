package io.lotse.handoff.queue;

import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Gives a waiting conversation to an agent, checked in Redis: of several agents or nodes at once
 * exactly one gets it, and the queue serving it never puts an agent beyond their capacity.
 */
public final class Assignment {

    private final Store store;
    private final Keys keys;
    private final HandoffMetrics metrics;
    private final ConversationReads reads;

    public Assignment(Store store, HandoffMetrics metrics, ConversationReads reads) {
        this.store = store;
        this.keys = store.keys();
        this.metrics = metrics;
        this.reads = reads;
    }

    /** The agent takes a waiting conversation; the one who has it already gets it again, unchanged. */
    public Conversation claim(String id, String agent, String agentDisplayName) {
        assign(id, agent, agentDisplayName, "claim");
        return reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    /**
     * Gives the conversation to the agent: {@code claim}, {@code auto} (the queue is served: the agent
     * must be online with room, the conversation queued) or {@code admin}.
     */
    void assign(String id, String agent, String agentDisplayName, String mode) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentDisplayName, "agentDisplayName");
        ConversationIds.check(id);
        Instant now = store.now();
        String team = reads.team(id);
        FrameJson.Parts assigned = store.frameJson().parts("handoff", new Frames.Assigned(agentDisplayName), now);
        long waited = Script.ASSIGN.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.queue(), keys.teamQueue(team), keys.index(ConversationStatus.PENDING),
                        keys.index(ConversationStatus.ASSIGNED), keys.agent(agent), keys.agentOpen(agent), keys.waits()),
                id, keys.events(), now.toEpochMilli(), now, agent, agentDisplayName, assigned.head(), assigned.tail(), mode,
                Keys.TIMES_KEPT).orThrow(id).number();
        if (waited >= 0) {
            metrics.waited(team, Duration.ofMillis(waited));
        }
    }
}
