package io.lotse.handoff;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
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
final class Agents {

    private static final String[] FIELDS = {"status", "statusSinceMs", "lastAssignedMs"};

    private final StatefulRedisConnection<String, String> redis;
    private final Keys keys;
    private final Map<String, AgentProfile> profiles = new LinkedHashMap<>();

    Agents(StatefulRedisConnection<String, String> redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Makes these the agents: each is offline unless Redis knows better. */
    synchronized void register(Collection<AgentProfile> agents, Instant now) {
        profiles.clear();
        RedisAsyncCommands<String, String> async = redis.async();
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (AgentProfile agent : agents) {
            profiles.put(agent.name(), agent);
            String key = keys.agent(agent.name());
            pending.add(async.hset(key, Map.of("displayName", agent.displayName(), "capacity", String.valueOf(agent.capacity()),
                    "teams", String.join(",", agent.teams()))));
            pending.add(async.hsetnx(key, "status", AgentStatus.OFFLINE.code()));
            pending.add(async.hsetnx(key, "statusSinceMs", String.valueOf(now.toEpochMilli())));
        }
        pending.forEach(this::await);
    }

    Optional<AgentProfile> profile(String name) {
        return Optional.ofNullable(name == null ? null : profiles.get(name));
    }

    boolean known(String name) {
        return name != null && profiles.containsKey(name);
    }

    /** Sets an agent's status; returns the one before. Being set is a sign of the console, too. */
    AgentStatus setStatus(String name, AgentStatus status, Instant now) {
        String key = keys.agent(name);
        RedisAsyncCommands<String, String> async = redis.async();
        RedisFuture<String> before = async.hget(key, "status");
        RedisFuture<Long> set = async.hset(key, Map.of("status", status.code(), "statusSinceMs", String.valueOf(now.toEpochMilli())));
        RedisFuture<Long> seen = async.zadd(keys.agentsSeen(), now.toEpochMilli(), name);
        await(set);
        await(seen);
        return AgentStatus.ofCode(await(before)).orElse(AgentStatus.OFFLINE);
    }

    /** The consoles of these agents are there now. */
    void seen(Collection<String> names, Instant now) {
        if (names.isEmpty()) {
            return;
        }
        List<ScoredValue<String>> values = names.stream().map(n -> ScoredValue.just(now.toEpochMilli(), n)).toList();
        @SuppressWarnings("unchecked")
        ScoredValue<String>[] array = values.toArray(ScoredValue[]::new);
        redis.sync().zadd(keys.agentsSeen(), array);
    }

    /** Agents whose console was last seen before the bound. */
    List<String> unseenSince(Instant bound, ConversationReads reads) {
        return reads.below(keys.agentsSeen(), bound.toEpochMilli(), 1000);
    }

    /** Every configured agent as they are now, in configuration order. */
    List<AgentState> states() {
        RedisAsyncCommands<String, String> async = redis.async();
        List<AgentProfile> agents = List.copyOf(profiles.values());
        List<RedisFuture<List<KeyValue<String, String>>>> metas = new ArrayList<>();
        List<RedisFuture<Long>> open = new ArrayList<>();
        for (AgentProfile agent : agents) {
            metas.add(async.hmget(keys.agent(agent.name()), FIELDS));
            open.add(async.scard(keys.agentOpen(agent.name())));
        }
        List<AgentState> states = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            states.add(state(agents.get(i), ConversationReads.fields(await(metas.get(i))), await(open.get(i))));
        }
        return states;
    }

    Optional<AgentState> state(String name) {
        return states().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The conversations an agent has. */
    Set<String> open(String name) {
        return redis.sync().smembers(keys.agentOpen(name));
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

    private <T> T await(RedisFuture<T> future) {
        return io.lettuce.core.LettuceFutures.awaitOrCancel(future, redis.getTimeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static List<String> teams(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
