package io.lotse.web.security;

import io.lotse.web.LotseProperties;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 */
public final class Users {

    static final Set<String> ROLES = Set.of("AGENT", "EDITOR", "ADMIN");

    /** One user: the name customers see and the Spring Security details. */
    record Account(String name, String displayName, UserDetails details, String generatedPassword) {}

    private final Map<String, Account> accounts;

    private Users(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    static Users from(Map<String, LotseProperties.User> configured) {
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
        return new Account(name, displayName, details, null);
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
        return new Account(name, capitalise(name), details, password);
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
}
