package io.lotse.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The command line of {@link LoadBenchmark}.
 *
 * @param url the node, such as {@code http://localhost:8080}
 * @param customers customers asking questions at once, each one question after the other
 * @param duration how long the customers ask (and idle connections are held)
 * @param mode what the customers ask
 * @param idle idle chats opened first and held open throughout
 * @param agents agents calling the agent API with HTTP Basic at once, one call after the other
 * @param agentLogin {@code user:password} of an agent
 * @param adminLogin {@code user:password} of an administrator, to read the node's metrics; may be {@code null}
 * @param pid the node's process id on this machine, to measure its live heap with {@code jcmd}; 0: none
 * @param questions the questions file ({@code {"text":…,"label":…}} a line; {@code oos} rows are skipped)
 * @param turns questions one conversation asks before the customer starts a new one (always 1 in mode {@code same})
 * @param openAtOnce how many idle connections are being opened at the same time
 * @param rate questions a second all customers together ask, at random moments (Poisson arrivals), as
 *     customers do who read an answer and type the next question; 0: each customer asks as soon as
 *     the previous answer came
 */
record LoadOptions(URI url, int customers, Duration duration, Mode mode, int idle, int agents, String agentLogin,
        String adminLogin, long pid, Path questions, int turns, int openAtOnce, double rate) {

    /** What the customers ask. */
    enum Mode {
        /** Every question new: a question of the file with a number no earlier question had, so no cache helps. */
        NEW,
        /** Questions from a small pool of the file's first questions, as they are. */
        POOL,
        /** One question, again and again. */
        SAME,
        /** No customer asks; only the idle chats are held, and one fresh customer is timed. */
        IDLE
    }

    static final String USAGE = """
            usage: LoadBenchmark [--url http://localhost:8080] [--mode new|pool|same|idle] [--customers 50]
                                 [--seconds 30] [--idle 0] [--agents 0] [--agent user:password]
                                 [--admin user:password] [--pid <node pid>] [--questions <questions.jsonl>]
                                 [--turns 5] [--open-at-once 200] [--rate 0]""";

    static LoadOptions parse(String... args) {
        URI url = URI.create("http://localhost:8080");
        int customers = 50;
        Duration duration = Duration.ofSeconds(30);
        Mode mode = Mode.NEW;
        int idle = 0;
        int agents = 0;
        String agentLogin = null;
        String adminLogin = null;
        long pid = 0;
        Path questions = Path.of("evaluation/nordlicht-en/questions.jsonl");
        int turns = 5;
        int openAtOnce = 200;
        double rate = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                case "--customers" -> customers = atLeast(name, value, 0);
                case "--seconds" -> duration = Duration.ofSeconds(atLeast(name, value, 1));
                case "--mode" -> mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                case "--idle" -> idle = atLeast(name, value, 0);
                case "--agents" -> agents = atLeast(name, value, 0);
                case "--agent" -> agentLogin = login(name, value);
                case "--admin" -> adminLogin = login(name, value);
                case "--pid" -> pid = atLeast(name, value, 1);
                case "--questions" -> questions = Path.of(value);
                case "--turns" -> turns = atLeast(name, value, 1);
                case "--open-at-once" -> openAtOnce = atLeast(name, value, 1);
                case "--rate" -> rate = nonNegative(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (agents > 0 && agentLogin == null) {
            throw new IllegalArgumentException("--agents needs --agent user:password");
        }
        if (mode == Mode.IDLE) {
            customers = 0;
        }
        if (mode == Mode.SAME) {
            // The same question twice in one conversation is a customer going round in circles, which
            // the bot hands to a person: here every customer asks it once, in a conversation of their own.
            turns = 1;
        }
        return new LoadOptions(url, customers, duration, mode, idle, agents, agentLogin, adminLogin, pid, questions,
                turns, openAtOnce, rate);
    }

    /** The chat WebSocket's address on the node. */
    URI chatUri() {
        String scheme = url.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + url.getRawAuthority() + url.getRawPath() + "/ws/chat?lang=en");
    }

    private static int atLeast(String name, String value, int min) {
        int parsed = Integer.parseInt(value);
        if (parsed < min) {
            throw new IllegalArgumentException(name + " must be at least " + min);
        }
        return parsed;
    }

    private static double nonNegative(String name, String value) {
        double parsed = Double.parseDouble(value);
        if (!(parsed >= 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException(name + " must be a number of at least 0");
        }
        return parsed;
    }

    private static String login(String name, String value) {
        if (!value.contains(":")) {
            throw new IllegalArgumentException(name + " takes user:password");
        }
        return value;
    }
}
