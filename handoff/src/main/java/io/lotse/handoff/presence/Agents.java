package io.lotse.handoff.presence;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lotse.handoff.AgentProfile;
import io.lotse.handoff.AgentState;
import io.lotse.handoff.AgentStatus;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents' presence and load in Redis: the configured agents, their status, when their console
 * was last seen, and the set of conversations each has.
 *
 * <p>The profile (display name, teams, capacity) comes from the configuration, which every node
 * shares; the status lives in Redis, so it survives a reload of the console and a restart of a node.
 * Agents start {@code offline}.
 */
public final class Agents {

    private static final String[] FIELDS = {"status", "statusSinceMs", "lastAssignedMs"};

    private final Store store;
    private final Keys keys;
    private final Map<String, AgentProfile> profiles = new LinkedHashMap<>();

    public Agents(Store store) {
        this.store = store;
        this.keys = store.keys();
    }

    /** Makes these the agents: each is offline unless Redis knows better. */
    public synchronized void register(Collection<AgentProfile> agents, Instant now) {
        profiles.clear();
        RedisAsyncCommands<String, String> async = store.async();
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (AgentProfile agent : agents) {
            profiles.put(agent.name(), agent);
            String key = keys.agent(agent.name());
            pending.add(async.hset(key, Map.of("displayName", agent.displayName(), "capacity", String.valueOf(agent.capacity()),
                    "teams", String.join(",", agent.teams()))));
            pending.add(async.hsetnx(key, "status", AgentStatus.OFFLINE.code()));
            pending.add(async.hsetnx(key, "statusSinceMs", String.valueOf(now.toEpochMilli())));
        }
        pending.forEach(store::await);
    }

    public Optional<AgentProfile> profile(String name) {
        return Optional.ofNullable(name == null ? null : profiles.get(name));
    }

    public boolean known(String name) {
        return name != null && profiles.containsKey(name);
    }

    /** Sets an agent's status; returns the one before. Being set is a sign of the console, too. */
    public AgentStatus setStatus(String name, AgentStatus status, Instant now) {
        String key = keys.agent(name);
        RedisAsyncCommands<String, String> async = store.async();
        RedisFuture<String> before = async.hget(key, "status");
        RedisFuture<Long> set = async.hset(key, Map.of("status", status.code(), "statusSinceMs", String.valueOf(now.toEpochMilli())));
        RedisFuture<Long> seen = async.zadd(keys.agentsSeen(), now.toEpochMilli(), name);
        store.await(set);
        store.await(seen);
        return AgentStatus.ofCode(store.await(before)).orElse(AgentStatus.OFFLINE);
    }

    /** The consoles of these agents are there now. */
    public void seen(Collection<String> names, Instant now) {
        if (names.isEmpty()) {
            return;
        }
        List<ScoredValue<String>> values = names.stream().map(n -> ScoredValue.just(now.toEpochMilli(), n)).toList();
        @SuppressWarnings("unchecked")
        ScoredValue<String>[] array = values.toArray(ScoredValue[]::new);
        store.sync().zadd(keys.agentsSeen(), array);
    }

    /** Agents whose console was last seen before the bound. */
    public List<String> unseenSince(Instant bound) {
        return store.below(keys.agentsSeen(), bound.toEpochMilli(), 1000);
    }

    /** The teams the configured agents are in, as configured: nothing is read from Redis. */
    public Set<String> teams() {
        Set<String> teams = new LinkedHashSet<>();
        List.copyOf(profiles.values()).forEach(agent -> teams.addAll(agent.teams()));
        return teams;
    }

    /** Every configured agent as they are now, in configuration order. */
    public List<AgentState> states() {
        RedisAsyncCommands<String, String> async = store.async();
        List<AgentProfile> agents = List.copyOf(profiles.values());
        List<RedisFuture<List<KeyValue<String, String>>>> metas = new ArrayList<>();
        List<RedisFuture<Long>> open = new ArrayList<>();
        for (AgentProfile agent : agents) {
            metas.add(async.hmget(keys.agent(agent.name()), FIELDS));
            open.add(async.scard(keys.agentOpen(agent.name())));
        }
        List<AgentState> states = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            states.add(state(agents.get(i), Store.fields(store.await(metas.get(i))), store.await(open.get(i))));
        }
        return states;
    }

    public Optional<AgentState> state(String name) {
        return states().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The conversations an agent has. */
    public Set<String> open(String name) {
        return store.sync().smembers(keys.agentOpen(name));
    }

    private static AgentState state(AgentProfile agent, Map<String, String> meta, Long active) {
        AgentStatus status = AgentStatus.ofCode(meta.get("status")).orElse(AgentStatus.OFFLINE);
        long since = Math.max(number(meta.get("statusSinceMs")), number(meta.get("lastAssignedMs")));
        return new AgentState(agent.name(), agent.displayName(), status, agent.capacity(), active == null ? 0 : active.intValue(),
                agent.teams(), Instant.ofEpochMilli(since));
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
