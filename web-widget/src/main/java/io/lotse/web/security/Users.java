package io.lotse.web.security;

import io.lotse.web.LotseProperties;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The people who may sign in, read from {@code chatbot.users.*}, or two generated ones (an agent and an
 * editor with random passwords) when none are configured.
 *
 * <p>Misconfiguration stops the start with a message naming the property, rather than leaving an
 * account that can never sign in.
 *
 * <p>Agents are the users with role {@code AGENT}, which administrators have too. Team names are kept
 * as configured and compared ignoring case ({@link #isInTeam}); {@code teams} and {@code capacity} are
 * read for every user but matter only for agents. Asked about a user it does not know, it answers as
 * for a user configured without those settings: no teams, {@value #DEFAULT_CAPACITY} at once.
 */
public final class Users {

    static final Set<String> ROLES = Set.of("AGENT", "EDITOR", "ADMIN");

    /** How many conversations an agent takes at once when {@code chatbot.users.<name>.capacity} is absent. */
    public static final int DEFAULT_CAPACITY = 3;

    /**
     * One user: the name customers see, the Spring Security details, the teams and capacity.
     *
     * @param teams team names as configured, without duplicates (ignoring case); empty: a general agent
     */
    record Account(String name, String displayName, UserDetails details, String generatedPassword, List<String> teams,
            int capacity) {

        boolean isAgent() {
            return details.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_AGENT"));
        }
    }

    /**
     * An agent, someone who may take conversations.
     *
     * @param name the user name they sign in with
     * @param displayName the name customers see
     * @param teams their teams as configured; empty for a general agent
     * @param capacity how many conversations they take at once, at least 1
     */
    public record Agent(String name, String displayName, List<String> teams, int capacity) {

        public Agent {
            teams = List.copyOf(teams);
        }
    }

    private final Map<String, Account> accounts;

    private Users(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    /**
     * The users of {@code chatbot.users.*}, or the two generated ones when it is empty.
     *
     * @throws IllegalStateException for a misconfigured user, naming the property
     */
    public static Users from(Map<String, LotseProperties.User> configured) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        if (configured.isEmpty()) {
            accounts.put("agent", generated("agent", "AGENT"));
            accounts.put("editor", generated("editor", "EDITOR"));
        } else {
            configured.forEach((name, user) -> accounts.put(name, configuredAccount(name, user)));
        }
        return new Users(accounts);
    }

    private static Account configuredAccount(String name, LotseProperties.User user) {
        String property = "chatbot.users." + name;
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalStateException(property + ": a user name may hold letters, digits and . _ @ - only");
        }
        if (user.password() == null || !user.password().matches("\\{(noop|bcrypt)}.+")) {
            throw new IllegalStateException(property + ".password must start with {noop} or {bcrypt}");
        }
        List<String> roles = parseRoles(property, user.roles());
        String displayName = user.displayName() == null || user.displayName().isBlank() ? capitalise(name) : user.displayName().strip();
        UserDetails details = User.withUsername(name).password(user.password()).roles(roles.toArray(String[]::new)).build();
        return new Account(name, displayName, details, null, parseTeams(property, user.teams()),
                parseCapacity(property, user.capacity()));
    }

    private static List<String> parseTeams(String property, String teams) {
        List<String> parsed = new ArrayList<>();
        if (teams == null) {
            return List.of();
        }
        for (String team : Arrays.stream(teams.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()) {
            if (!LotseProperties.TEAM_NAME.matcher(team).matches()) {
                throw new IllegalStateException(property + ".teams: '" + team
                        + "' is not a team name (letters, digits, _ and - only, at most 40)");
            }
            if (parsed.stream().noneMatch(team::equalsIgnoreCase)) {
                parsed.add(team);
            }
        }
        return List.copyOf(parsed);
    }

    private static int parseCapacity(String property, Integer capacity) {
        if (capacity == null) {
            return DEFAULT_CAPACITY;
        }
        if (capacity < 1) {
            throw new IllegalStateException(property + ".capacity must be at least 1 (conversations at once), not " + capacity);
        }
        return capacity;
    }

    private static List<String> parseRoles(String property, String roles) {
        if (roles == null || roles.isBlank()) {
            throw new IllegalStateException(property + ".roles is missing (comma-separated of AGENT, EDITOR, ADMIN)");
        }
        List<String> parsed = new ArrayList<>();
        for (String role : Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList()) {
            String upper = role.toUpperCase(Locale.ROOT);
            if (!ROLES.contains(upper)) {
                throw new IllegalStateException(property + ".roles: unknown role '" + role + "' (use AGENT, EDITOR, ADMIN)");
            }
            parsed.add(upper);
        }
        if (parsed.contains("ADMIN")) {
            // An administrator may do everything an agent and an editor may do.
            parsed.addAll(List.of("AGENT", "EDITOR"));
        }
        return parsed.stream().distinct().toList();
    }

    private static Account generated(String name, String role) {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UserDetails details = User.withUsername(name).password("{noop}" + password).roles(role).build();
        return new Account(name, capitalise(name), details, password, List.of(), DEFAULT_CAPACITY);
    }

    private static String capitalise(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    List<UserDetails> details() {
        return accounts.values().stream().map(Account::details).toList();
    }

    List<Account> generatedAccounts() {
        return accounts.values().stream().filter(a -> a.generatedPassword() != null).toList();
    }

    /** The name customers see for a user: the configured display name, else the capitalised user name. */
    public String displayName(String userName) {
        Account account = accounts.get(userName);
        return account != null ? account.displayName() : capitalise(userName);
    }

    /** Every agent (role {@code AGENT}, administrators included), by user name. */
    public List<Agent> agents() {
        return accounts.values().stream().filter(Account::isAgent).sorted(Comparator.comparing(Account::name))
                .map(a -> new Agent(a.name(), a.displayName(), a.teams(), a.capacity())).toList();
    }

    /** A user's teams as configured; empty for a general agent and for a user it does not know. */
    public List<String> teams(String userName) {
        Account account = accounts.get(userName);
        return account != null ? account.teams() : List.of();
    }

    /** Whether a user is a member of a team, ignoring case; {@code false} for a {@code null} team. */
    public boolean isInTeam(String userName, String team) {
        return team != null && teams(userName).stream().anyMatch(team::equalsIgnoreCase);
    }

    /** How many conversations a user takes at once; {@value #DEFAULT_CAPACITY} for a user it does not know. */
    public int capacity(String userName) {
        Account account = accounts.get(userName);
        return account != null ? account.capacity() : DEFAULT_CAPACITY;
    }
}
