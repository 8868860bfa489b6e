package io.lotse.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The cache of verified logins in front of a real password check (bcrypt, low cost for speed). */
class VerifiedCredentialsTests {

    private final AtomicInteger hashChecks = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private VerifiedCredentials credentials;

    @BeforeEach
    void setUp() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                hashChecks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername("anna").password(bcrypt.encode("anna-secret")).roles("AGENT").build(),
                User.withUsername("ben").password(bcrypt.encode("ben-secret")).roles("AGENT").build());
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(counting);
        Ticker ticker = nanos::get;
        credentials = new VerifiedCredentials(dao, Duration.ofMinutes(5), ticker);
    }

    private Authentication login(String name, String password) {
        return credentials.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    }

    @Test
    void theRightPasswordIsHashedOnceAndThenRemembered() {
        Authentication first = login("anna", "anna-secret");
        Authentication second = login("anna", "anna-secret");

        assertThat(hashChecks).hasValue(1);
        for (Authentication each : new Authentication[] {first, second}) {
            assertThat(each.isAuthenticated()).isTrue();
            assertThat(each.getName()).isEqualTo("anna");
            assertThat(each.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_AGENT");
        }
        assertThat(second.getCredentials()).isNull();
    }

    @Test
    void aWrongPasswordIsNeverRemembered() {
        assertThatThrownBy(() -> login("anna", "guess")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("anna", "guess")).isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(2);

        login("anna", "anna-secret");
        assertThatThrownBy(() -> login("anna", "guess")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("anna", "anna-secret ")).isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(5);
    }

    @Test
    void oneUsersPasswordDoesNotOpenAnothersAccount() {
        login("anna", "anna-secret");
        assertThatThrownBy(() -> login("ben", "anna-secret")).isInstanceOf(BadCredentialsException.class);
        assertThat(login("ben", "ben-secret").getName()).isEqualTo("ben");
        assertThat(hashChecks).hasValue(3);
    }

    @Test
    void aRememberedLoginExpires() {
        login("anna", "anna-secret");
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        login("anna", "anna-secret");
        assertThat(hashChecks).hasValue(1);

        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        login("anna", "anna-secret");
        assertThat(hashChecks).hasValue(2);
    }
}
