package io.lotse.handoff.queue;

import io.lotse.handoff.AgentStatus;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.HandoffOutcome;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.QueueEntry;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.hours.BusinessHours;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hands a conversation from the bot to the agents: into its team's queue, served at once, or, when
 * nobody can take it now, into the pending list with an {@code offline} frame.
 *
 * <p>Agents at capacity count as there: the conversation waits in the queue for them. A
 * conversation already waiting stays as it is.
 */
public final class Handover {

    private final Store store;
    private final Keys keys;
    private final HandoffSettings settings;
    private final HandoffMetrics metrics;
    private final ConversationReads reads;
    private final QueueReads queue;
    private final Agents agents;
    private final Estimates estimates;
    private final Serving serving;

    public Handover(Store store, HandoffSettings settings, HandoffMetrics metrics, ConversationReads reads, QueueReads queue,
            Agents agents, Estimates estimates, Serving serving) {
        this.store = store;
        this.keys = store.keys();
        this.settings = settings;
        this.metrics = metrics;
        this.reads = reads;
        this.queue = queue;
        this.agents = agents;
        this.estimates = estimates;
        this.serving = serving;
    }

    /** Asks for an agent for the team of the category; see {@link io.lotse.handoff.Handoff#requestAgent}. */
    public HandoffOutcome requestAgent(String id, String reason, String contextJson, String category) {
        ConversationIds.check(id);
        // A conversation keeps the team of its first request (until a transfer): asked for again while
        // pending, it goes to that team's queue and to no other.
        String team = teamOf(id).orElse(settings.teamFor(category));
        Instant now = store.now();
        String offlineReason = offlineReason(team, now);
        String mode = offlineReason == null ? "queued" : "pending";
        BusinessHours hours = settings.businessHours();
        FrameJson.Parts offlineFrame = store.frameJson().parts("handoff", new Frames.Offline(offlineReason, hours.spec(),
                hours.zone().getId(), hours.nextOpening(now).map(Instant::toString).orElse(null)), now);
        Outcome outcome = enqueue(id, reason, contextJson, team, mode, offlineFrame, now);
        String result = outcome.text(0);
        if ("changed".equals(outcome.text(1))) {
            metrics.requested(team, reason, "pending".equals(result) ? "offline" : "queued");
        }
        if ("queued".equals(result)) {
            serving.serve();
        }
        QueueEntry entry = queue.entry(id, store.now());
        ConversationStatus status = reads.find(id).map(Conversation::status).orElse(ConversationStatus.QUEUED);
        return new HandoffOutcome(status, status == ConversationStatus.PENDING ? offlineReason : null, entry);
    }

    /** Puts a conversation into the queue of no team, whoever is online; a conversation already waiting stays. */
    public QueueEntry enqueue(String id, String reason, String contextJson) {
        ConversationIds.check(id);
        Instant now = store.now();
        enqueue(id, reason, contextJson, teamOf(id).orElse(null), "queued", new FrameJson.Parts("", ""), now);
        return queue.entry(id, now);
    }

    /** The team a conversation was handed to before, if any. */
    private Optional<String> teamOf(String id) {
        return Optional.ofNullable(ConversationReads.blankToNull(store.sync().hget(keys.meta(id), "team")));
    }

    /** Why nobody can take a conversation of the team now ({@code outside_hours}, {@code no_agent}), or {@code null}. */
    private String offlineReason(String team, Instant now) {
        if (!settings.businessHours().isOpen(now)) {
            return "outside_hours";
        }
        if (agents.states().stream().noneMatch(a -> a.status() == AgentStatus.ONLINE && a.serves(team))) {
            return "no_agent";
        }
        return null;
    }

    private Outcome enqueue(String id, String reason, String contextJson, String team, String mode, FrameJson.Parts offline,
            Instant now) {
        String tier = ConversationReads.blankToNull(store.sync().hget(keys.meta(id), "tier"));
        long dueAt = now.plus(settings.firstResponseFor(tier)).toEpochMilli();
        return Script.ENQUEUE.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.BOT), keys.index(ConversationStatus.PENDING)),
                id, keys.events(), now.toEpochMilli(), now, reason, contextJson, team, tier,
                QueueScore.of(tier, now.toEpochMilli()), dueAt, mode, offline.head(), offline.tail(), estimates.perPosition(team))
                .orThrow(id);
    }
}
