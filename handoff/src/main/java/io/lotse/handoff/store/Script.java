package io.lotse.handoff.store;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The Lua scripts that make every change of the handoff, each in one step on the server (and
 * one read that must see one moment: what the bot reads before its turn).
 *
 * <p>Scripts rather than MULTI/EXEC because the connection is shared by every thread, and a
 * transaction on a shared connection would take in other threads' commands. Each script is
 * {@code lib.lua} followed by its own file; it runs by its SHA-1 and is sent whole only when the
 * server does not know it yet (after a restart, say). Every key a script touches is passed in
 * {@code KEYS}, as Redis Cluster requires.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public enum Script {
    START("start"),
    APPEND("append"),
    TURN("turn"),
    TURN_CONTEXT("turn-context"),
    ENQUEUE("enqueue"),
    ASSIGN("assign"),
    RELEASE("release"),
    CLOSE("close"),
    CANCEL("cancel"),
    CONTACT("contact"),
    NOTE("note"),
    RATE("rate"),
    IDENTIFY("identify"),
    SEEN("seen"),
    ERASE("erase"),
    DEFLECT("deflect");

    private final String source;
    private final String sha;

    Script(String name) {
        this.source = read("lib.lua") + read(name + ".lua");
        this.sha = Digests.hex("SHA-1", source);
    }

    /** Runs the script; its answer is a list whose first element is {@code ok} or why nothing changed. */
    public Outcome run(RedisCommands<String, String> redis, List<String> keys, Object... args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = Arrays.stream(args).map(a -> a == null ? "" : String.valueOf(a)).toArray(String[]::new);
        List<Object> reply;
        try {
            reply = redis.evalsha(sha, ScriptOutputType.MULTI, keyArray, argArray);
        } catch (RedisNoScriptException e) {
            reply = redis.eval(source, ScriptOutputType.MULTI, keyArray, argArray);
        }
        return Outcome.of(this, reply);
    }

    private static String read(String resource) {
        try (InputStream in = Script.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
