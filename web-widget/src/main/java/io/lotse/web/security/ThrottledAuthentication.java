package io.lotse.web.security;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks passwords (form login and HTTP Basic alike) through another provider, after making sure the
 * user is not locked out from the client's address, and counts the failures ({@link LoginAttempts}).
 *
 * <p>Every failure is logged at WARN with the user name and the address, never the password; so is
 * every refusal while locked out.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthentication.class);

    private final AuthenticationProvider passwords;
    private final LoginAttempts attempts;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginAttempts attempts) {
        this.passwords = passwords;
        this.attempts = attempts;
    }

    /**
     * The one way in with a password, for the form and HTTP Basic alike: the users' passwords behind
     * this check, with no parent manager that could be asked instead.
     *
     * @param passwords what checks a password, such as a {@code DaoAuthenticationProvider}
     * @param events where successes and failures are published; {@code null}: nowhere
     */
    static ProviderManager manager(AuthenticationProvider passwords, LoginAttempts attempts, AuthenticationEventPublisher events) {
        ProviderManager manager = new ProviderManager(new ThrottledAuthentication(passwords, attempts));
        if (events != null) {
            manager.setAuthenticationEventPublisher(events);
        }
        return manager;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = address(authentication);
        LoginAttempts.Standing standing = attempts.standing(user, address);
        Optional<Duration> locked = standing.lockedFor();
        if (locked.isPresent()) {
            log.warn("Sign-in of user '{}' from {} refused: locked out for {} s after {} failures",
                    printable(user), address, locked.get().toSeconds(), attempts.maxFailures());
            throw new TooManyAttemptsException(locked.get());
        }
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            long failures = attempts.failed(user, address);
            log.warn("Failed sign-in of user '{}' from {} ({} in a row{})", printable(user), address, failures,
                    failures >= attempts.maxFailures() ? "; locked out now" : "");
            throw e;
        }
        if (result != null && standing.failures() > 0) {
            attempts.succeeded(user, address);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }

    /** The user name as typed, safe for one log line: no control characters, at most 64 characters. */
    static String printable(String user) {
        String name = String.valueOf(user).replaceAll("\\p{Cc}", "?");
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
