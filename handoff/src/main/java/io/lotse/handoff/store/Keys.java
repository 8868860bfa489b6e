package io.lotse.handoff.store;

import io.lotse.handoff.ConversationStatus;
import java.util.List;

/**
 * The one place Redis key names of the handoff are made; every key a script touches comes from
 * here and is passed in {@code KEYS}.
 *
 * <p>A conversation's keys share the hash tag {@code {<id>}}: {@code <prefix>:conv:{<id>}:meta}
 * (hash), {@code :frames} (list of frame JSON, index = seq − 1), {@code :ids} (hash of the
 * customer's client ids to seqs) and {@code :notes} (list of the agents' internal notes). Beside
 * them:
 * <ul>
 * <li>{@code <prefix>:queue}: every waiting conversation, by priority then arrival (see
 *     {@link io.lotse.handoff.queue.QueueScore}); {@code <prefix>:queue:any} and {@code <prefix>:queue:team:<team>} the same
 *     per team, where the position a customer is told is counted;
 * <li>{@code <prefix>:status:bot|pending|assigned|closed}: ids by the time of their last change;
 * <li>{@code <prefix>:agents} (set of agent names), {@code <prefix>:agent:<name>} (hash: status,
 *     capacity, teams, display name, idle since), {@code <prefix>:agent:<name>:open} (set of the
 *     conversations they have) and {@code <prefix>:agents:seen} (agent → last sign of their console);
 * <li>{@code <prefix>:customers:seen} (conversation → last time a customer connection was open,
 *     negative when the last one closed then);
 * <li>{@code <prefix>:customer:<hash>} (the conversations of a customer with a signed identity, by
 *     the time they were identified; the hash is the SHA-256 of the identity's {@code sub}, so that
 *     no key name holds it and any {@code sub} makes a valid key);
 * <li>{@code <prefix>:waits} and {@code <prefix>:handled} (recent waits and handling times in
 *     seconds, newest first), {@code <prefix>:replies} (canned replies by id), and the channel
 *     {@code <prefix>:events};
 * <li>{@code <prefix>:deflections:until} (the last-activity time up to which conversations left
 *     with the bot have been looked at for the deflection count).
 * </ul>
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public final class Keys {

    /** How many recent waits and handling times {@link #waits()} and {@link #handled()} keep, which the estimate averages. */
    public static final int TIMES_KEPT = 20;

    private final String prefix;

    public Keys(String prefix) {
        this.prefix = prefix;
    }

    public String meta(String id) {
        return conversation(id) + ":meta";
    }

    public String frames(String id) {
        return conversation(id) + ":frames";
    }

    public String ids(String id) {
        return conversation(id) + ":ids";
    }

    public String notes(String id) {
        return conversation(id) + ":notes";
    }

    private String conversation(String id) {
        return prefix + ":conv:{" + id + "}";
    }

    /** Every waiting conversation, whatever its team. */
    public String queue() {
        return prefix + ":queue";
    }

    /** The waiting conversations of one team, or of none ({@code null}: any agent may take them). */
    public String teamQueue(String team) {
        return team == null || team.isEmpty() ? prefix + ":queue:any" : prefix + ":queue:team:" + team;
    }

    /** The index of conversations in a status; for {@code QUEUED} that is the queue. */
    public String index(ConversationStatus status) {
        return status == ConversationStatus.QUEUED ? queue() : prefix + ":status:" + status.code();
    }

    public String agents() {
        return prefix + ":agents";
    }

    public String agent(String name) {
        return prefix + ":agent:" + name;
    }

    public String agentOpen(String name) {
        return prefix + ":agent:" + name + ":open";
    }

    public String agentsSeen() {
        return prefix + ":agents:seen";
    }

    public String customersSeen() {
        return prefix + ":customers:seen";
    }

    /** The conversations of the customer whose signed identity has this {@code sub}. */
    public String customer(String sub) {
        return prefix + ":customer:" + Digests.hex("SHA-256", sub);
    }

    /** Every key of a conversation itself (not the lists that name it), for reading or erasing all at once. */
    public List<String> conversationKeys(String id) {
        return List.of(meta(id), frames(id), ids(id), notes(id));
    }

    /** The indexes of conversations by status: bot, pending, assigned, closed (the queue apart). */
    public List<String> statusIndexes() {
        return List.of(index(ConversationStatus.BOT), index(ConversationStatus.PENDING), index(ConversationStatus.ASSIGNED),
                index(ConversationStatus.CLOSED));
    }

    /** A key's name without the prefix, to tell people which list mentions something. */
    public String unprefixed(String key) {
        return key.startsWith(prefix + ":") ? key.substring(prefix.length() + 1) : key;
    }

    public String waits() {
        return prefix + ":waits";
    }

    public String handled() {
        return prefix + ":handled";
    }

    public String replies() {
        return prefix + ":replies";
    }

    public String deflectionsUntil() {
        return prefix + ":deflections:until";
    }

    public String events() {
        return prefix + ":events";
    }
}
