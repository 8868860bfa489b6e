package io.lotse.web;

import io.lotse.handoff.hours.BusinessHours;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.web.identity.IdentityVerifier;
import io.lotse.web.identity.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code chatbot.*} setting of a node; each may also be given as an environment variable
 * ({@code CHATBOT_DATA_DIR}, …).
 *
 * @param dataDir where the Lucene index and the embedded Redis keep their files
 * @param knowledge where articles come from at start-up
 * @param users the people who may sign in, by user name; empty means two generated users
 * @param redis Redis settings beyond {@code spring.data.redis.url}
 * @param chat limits of the customer chat
 * @param bot the bot's decision thresholds
 * @param embeddings the embedding model of the hybrid search
 * @param security secrets and allowed origins
 * @param handoff teams, business hours and time limits of the handoff to agents
 * @param identity the check of the signed identities that sites pass for their customers
 * @param http limits of HTTP requests and WebSocket frames
 */
@ConfigurationProperties("chatbot")
public record LotseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Knowledge knowledge,
        Map<String, User> users,
        @DefaultValue Redis redis,
        @DefaultValue Chat chat,
        @DefaultValue Bot bot,
        @DefaultValue Embeddings embeddings,
        @DefaultValue Security security,
        @DefaultValue Handoff handoff,
        @DefaultValue Identity identity,
        @DefaultValue Http http) {

    /** What a team name may look like, in {@code chatbot.users.<name>.teams} and {@code chatbot.handoff.teams.<team>}. */
    public static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    public LotseProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** @param importDir a folder of article files to upsert at start-up; when set, no samples are loaded */
    public record Knowledge(Path importDir) {}

    /**
     * One person who may sign in; checked, and {@code teams} and {@code capacity} read, by {@code Users}.
     *
     * @param password {@code {noop}…} or {@code {bcrypt}…}
     * @param roles comma-separated of {@code AGENT}, {@code EDITOR}, {@code ADMIN}
     * @param displayName the name customers see for an agent; the user name when absent
     * @param teams comma-separated team names of an agent; absent: a general agent, of no team
     * @param capacity how many conversations an agent takes at once; absent: 3
     */
    public record User(String password, String roles, String displayName, String teams, Integer capacity) {}

    /**
     * @param keyPrefix the first part of every Redis key, so several installations can share one server
     * @param embeddedPort the port of the embedded Redis; 0 picks a free one
     * @param timeout how long a Redis command may take before the node treats Redis as unreachable
     */
    public record Redis(
            @DefaultValue("lotse") String keyPrefix,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("2s") Duration timeout) {}

    /**
     * @param maxMessageLength the longest customer or agent message, in characters
     * @param rateLimitMessages how many messages one conversation may send per {@code rateLimitWindow},
     *     however many connections it has open, on every node together
     * @param rateLimitWindow the window of the rate limit
     * @param closedRetention how long a closed conversation is kept, and one left with the bot after its last frame
     * @param openRetention how long a conversation that waits for an agent (queued, or pending with a
     *     message left) or is with an agent is kept after its last frame
     * @param newConversationsPerMinute how many new conversations one client address may start per
     *     minute, on every node together
     * @param maxConnections open chat connections one node takes; past it a new customer is told the
     *     node is busy; absent: one per 100 KiB of the maximum heap
     * @param maxQuestionsInFlight customer questions one node answers at the same time; past it (after a
     *     wait of up to a second) the customer is told the node is busy; absent: 32 per processor
     */
    public record Chat(
            @DefaultValue("2000") int maxMessageLength,
            @DefaultValue("10") int rateLimitMessages,
            @DefaultValue("10s") Duration rateLimitWindow,
            @DefaultValue("30d") Duration closedRetention,
            @DefaultValue("30d") Duration openRetention,
            @DefaultValue("30") int newConversationsPerMinute,
            Integer maxConnections,
            Integer maxQuestionsInFlight) {

        public Chat {
            if (newConversationsPerMinute < 1) {
                throw new IllegalArgumentException("chatbot.chat.new-conversations-per-minute must be 1 or more, not "
                        + newConversationsPerMinute);
            }
            if (rateLimitMessages < 1) {
                throw new IllegalArgumentException("chatbot.chat.rate-limit-messages must be 1 or more, not " + rateLimitMessages);
            }
        }
    }

    /**
     * The bot's decision. Confidences are calibrated probabilities, 0..1, that the article is right;
     * absent thresholds come from the calibration.
     *
     * @param answerThreshold the confidence from which the bot answers
     * @param clarifyThreshold the confidence from which close candidates are offered as a choice
     *     (at most the answer threshold)
     * @param clarifyMargin how close, in confidence, another article must be to the top one for the
     *     bot to ask which was meant instead of answering; absent: the engine's default
     */
    public record Bot(Double answerThreshold, Double clarifyThreshold, Double clarifyMargin) {}

    /**
     * The embedding model of the hybrid search: a model packaged in the application, none (BM25
     * alone), or an ONNX model with its tokenizer on disk (for example a multilingual one).
     *
     * @param model {@code bge-small-en-v15-q} (default), {@code all-minilm-l6-v2-q}, {@code none} or {@code onnx}
     * @param modelFile with {@code onnx}: the {@code .onnx} file
     * @param tokenizerFile with {@code onnx}: the model's {@code tokenizer.json}
     * @param pooling with {@code onnx}: {@code mean} or {@code cls}, as the model was trained
     */
    public record Embeddings(
            @DefaultValue("bge-small-en-v15-q") String model, Path modelFile, Path tokenizerFile,
            @DefaultValue("mean") String pooling) {

        /** These settings for the knowledge base; a clear message for a model name or file that does not work. */
        public EmbeddingSettings settings() {
            return EmbeddingSettings.named("chatbot.embeddings.", model, modelFile, tokenizerFile, pooling);
        }
    }

    /**
     * {@link #toString()} does not show the token secret.
     *
     * @param tokenSecret the key that signs customer tokens; absent: one is generated once and kept in Redis,
     *     so every node of an installation shares it
     * @param allowedOrigins the web origins whose pages may open the chat WebSocket ({@code *}: any)
     * @param tokenTtl how long a customer token resumes its conversation after it was issued (each
     *     connection issues a new one)
     * @param loginAttempts how many failed sign-ins in a row of one user from one client address lock
     *     that user out from there
     * @param loginLockout how long the lock-out lasts after the last failure; failures further apart
     *     than this do not add up
     */
    public record Security(String tokenSecret, @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue("30d") Duration tokenTtl, @DefaultValue("10") int loginAttempts, @DefaultValue("15m") Duration loginLockout) {

        public Security {
            if (tokenTtl != null && (tokenTtl.isNegative() || tokenTtl.isZero())) {
                throw new IllegalArgumentException("chatbot.security.token-ttl must be a positive duration such as 30d, not " + tokenTtl);
            }
            tokenTtl = tokenTtl == null ? Duration.ofDays(30) : tokenTtl;
        }

        @Override
        public String toString() {
            return "Security[tokenSecret=" + (tokenSecret == null || tokenSecret.isBlank() ? "generated" : "******")
                    + ", allowedOrigins=" + allowedOrigins + ", tokenTtl=" + tokenTtl + ", loginAttempts=" + loginAttempts
                    + ", loginLockout=" + loginLockout + "]";
        }
    }

    /**
     * @param maxBody the largest request body accepted, and the ceiling of a chat WebSocket frame
     *     (which the message length limits further); a larger body is refused before it is read
     */
    public record Http(@DefaultValue("1MB") DataSize maxBody) {

        public Http {
            if (maxBody == null || maxBody.toBytes() < 1) {
                throw new IllegalArgumentException("chatbot.http.max-body must be a positive size such as 1MB, not " + maxBody);
            }
        }
    }

    /**
     * The handoff to agents. Team names and article categories are kept as configured and compared
     * case-insensitively; a team may have members and no categories (it gets conversations only by
     * transfer) or categories and no members.
     *
     * <p>The first-response limit is given as {@code sla.first-response} (default {@code 2m}) and per
     * customer tier as {@code sla.first-response.A} (or {@code .a}), {@code .B}, {@code .C}. The one
     * name is both a value and the parent of others, which an object cannot bind; a map of
     * {@code Duration}s cannot either, as the binder cuts non-{@code java.lang} values' keys at the
     * first dot and so drops the tiers. So {@code sla} is bound as a map of texts, keyed
     * {@code first-response} and {@code first-response.<tier>} (kept lower-case; from environment
     * variables {@code CHATBOT_HANDOFF_SLA_FIRSTRESPONSE} and {@code …_FIRSTRESPONSE_A}), and read as
     * durations by {@link #firstResponse(Tier)}; each is checked when bound. In YAML, write the
     * tiers' keys under {@code sla:} as {@code "[first-response.a]": 1m}.
     *
     * @param teams by team name: which questions go to that team
     * @param businessHours when agents are at work, such as {@code MON-FRI 08:00-18:00}; absent, blank
     *     or {@code always}: always (see {@link BusinessHours#parse})
     * @param timeZone the zone {@code businessHours} is read in; default UTC, the same on every node
     *     whatever its system zone
     * @param sla the first-response limits, see above
     * @param presenceTimeout how long an agent's console may be gone before the agent counts as offline
     * @param abandonAfter how long a queued customer may have no open connection before the
     *     conversation is closed as abandoned
     */
    public record Handoff(
            Map<String, Team> teams,
            String businessHours,
            @DefaultValue("UTC") ZoneId timeZone,
            Map<String, String> sla,
            @DefaultValue("60s") Duration presenceTimeout,
            @DefaultValue("10m") Duration abandonAfter) {

        /** The first-response limit when none is configured. */
        public static final Duration DEFAULT_FIRST_RESPONSE = Duration.ofMinutes(2);

        private static final String FIRST_RESPONSE = "first-response";
        private static final Pattern SLA_KEY = Pattern.compile("first-?response(\\.[abc])?");

        public Handoff {
            teams = teams == null ? Map.of() : checkedTeams(teams);
            timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
            BusinessHours.parse(businessHours, timeZone);
            sla = checkedSla(sla == null ? Map.of() : sla);
            presenceTimeout = positive("chatbot.handoff.presence-timeout", presenceTimeout, Duration.ofSeconds(60));
            abandonAfter = positive("chatbot.handoff.abandon-after", abandonAfter, Duration.ofMinutes(10));
        }

        private static Map<String, Team> checkedTeams(Map<String, Team> teams) {
            Map<String, String> teamOfCategory = new LinkedHashMap<>();
            Map<String, String> seen = new LinkedHashMap<>();
            Map<String, Team> checked = new LinkedHashMap<>();
            teams.forEach((name, team) -> {
                String property = "chatbot.handoff.teams." + name;
                if (!TEAM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(property + ": a team name may hold letters, digits, _ and - only, at most 40");
                }
                String earlier = seen.put(name.toLowerCase(Locale.ROOT), name);
                if (earlier != null) {
                    throw new IllegalArgumentException(property + ": the same team as " + earlier + " (team names are compared ignoring case)");
                }
                Team value = team == null ? new Team(List.of()) : team;
                for (String category : value.categories()) {
                    String other = teamOfCategory.put(category.toLowerCase(Locale.ROOT), name);
                    if (other != null && !other.equals(name)) {
                        throw new IllegalArgumentException(property + ".categories: category '" + category
                                + "' already goes to team " + other);
                    }
                }
                checked.put(name, value);
            });
            return Collections.unmodifiableMap(checked);
        }

        private static Map<String, String> checkedSla(Map<String, String> sla) {
            Map<String, String> checked = new LinkedHashMap<>();
            sla.forEach((key, value) -> {
                String property = "chatbot.handoff.sla." + key;
                Matcher matcher = SLA_KEY.matcher(key.strip().toLowerCase(Locale.ROOT));
                if (!matcher.matches()) {
                    throw new IllegalArgumentException(property
                            + ": unknown setting (use first-response, and first-response.A, .B or .C per customer tier)");
                }
                String normal = FIRST_RESPONSE + (matcher.group(1) == null ? "" : matcher.group(1));
                Duration duration;
                try {
                    duration = DurationStyle.detectAndParse(value == null ? "" : value.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(property + " must be a duration such as 2m or 90s, not '" + value + "'");
                }
                positive(property, duration, null);
                // The binder may hand the same setting over under two spellings (first-response.A and
                // first-response.a, or firstresponse from the environment), with the value that wins.
                checked.put(normal, value.strip());
            });
            return Map.copyOf(checked);
        }

        private static Duration positive(String property, Duration value, Duration fallback) {
            if (value == null) {
                return fallback;
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(property + " must be a positive duration such as 30s, not " + value);
            }
            return value;
        }

        /** {@link #businessHours} read in {@link #timeZone}; parsed anew at each call. */
        public BusinessHours hours() {
            return BusinessHours.parse(businessHours, timeZone);
        }

        /**
         * How soon an agent must first answer a customer of a tier.
         *
         * @param tier the customer's tier; {@code null} for a customer without one
         * @return {@code first-response.<tier>} when configured, else {@code first-response}, else 2 minutes
         */
        public Duration firstResponse(Tier tier) {
            String value = tier == null ? null : sla.get(FIRST_RESPONSE + "." + tier.name().toLowerCase(Locale.ROOT));
            if (value == null) {
                value = sla.get(FIRST_RESPONSE);
            }
            return value == null ? DEFAULT_FIRST_RESPONSE : DurationStyle.detectAndParse(value);
        }

        /** The team, as configured, whose categories include {@code category} (ignoring case); empty for none or {@code null}. */
        public Optional<String> teamForCategory(String category) {
            if (category == null || category.isBlank()) {
                return Optional.empty();
            }
            String wanted = category.strip();
            return teams.entrySet().stream()
                    .filter(e -> e.getValue().categories().stream().anyMatch(c -> c.equalsIgnoreCase(wanted)))
                    .map(Map.Entry::getKey).findFirst();
        }
    }

    /**
     * One team of agents; its members are the users whose {@code chatbot.users.<name>.teams} name it.
     *
     * @param categories the article categories whose questions go to this team (comma-separated in a
     *     property); blanks are dropped
     */
    public record Team(List<String> categories) {

        public Team {
            List<String> kept = new ArrayList<>();
            for (String category : categories == null ? List.<String>of() : categories) {
                if (category != null && !category.isBlank()
                        && kept.stream().noneMatch(k -> k.equalsIgnoreCase(category.strip()))) {
                    kept.add(category.strip());
                }
            }
            categories = List.copyOf(kept);
        }
    }

    /**
     * The check of signed customer identities; see {@link IdentityVerifier}. {@link #toString()} does
     * not show the secret.
     *
     * @param secret the HS256 key (32 UTF-8 bytes or more; a shorter one works with a warning); absent: no identity is accepted
     */
    public record Identity(String secret) {

        /** A verifier for {@link #secret}. */
        public IdentityVerifier verifier() {
            return new IdentityVerifier(secret);
        }

        @Override
        public String toString() {
            return "Identity[secret=" + (secret == null || secret.isBlank() ? "none" : "******") + "]";
        }
    }
}
