package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Repeated failed sign-ins of one user from one address: refused for a while with 429, as JSON (HTTP
 * Basic) or a page (the form), logged without the password, and forgotten after a success. The shared context
 * locks out after {@link #LOGIN_ATTEMPTS} failures for {@link #LOGIN_LOCKOUT}; only editor ivo and
 * made-up user names are used here, so no other test is locked out.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginAttemptsIT extends AppIT {

    @Test
    void repeatedFailuresLockTheUserOutForAWhileAndASuccessForgetsThem(CapturedOutput output) {
        for (int i = 0; i < LOGIN_ATTEMPTS - 1; i++) {
            assertThat(me("ivo", "wrong-" + i).status()).isEqualTo(401);
        }
        assertThat(me("ivo", "ivo-secret").status()).as("a success before the limit").isEqualTo(200);
        for (int i = 0; i < LOGIN_ATTEMPTS - 1; i++) {
            assertThat(me("ivo", "wrong-again-" + i).status()).as("counted anew after the success").isEqualTo(401);
        }
        assertThat(me("ivo", "ivo-secret").status()).isEqualTo(200);

        for (int i = 0; i < LOGIN_ATTEMPTS; i++) {
            assertThat(me("ivo", "guess-" + i).status()).isEqualTo(401);
        }
        Api.Response locked = me("ivo", "ivo-secret");
        assertThat(locked.status()).as("even the right password while locked out").isEqualTo(429);
        assertThat(locked.json().path("code").asString()).isEqualTo("too_many_attempts");
        assertThat(locked.raw().headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(me("IVO", "ivo-secret").status()).as("user names compared ignoring case").isEqualTo(429);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> me("ivo", "ivo-secret").status() == 200);

        assertThat(output.getAll()).contains("Failed sign-in of user 'ivo' from 127.0.0.1", "locked out")
                .doesNotContain("guess-").doesNotContain("wrong-again");
    }

    @Test
    void theFormLoginShowsTheLockOutOnTheLoginPage() {
        FormLogin browser = new FormLogin(port);
        String user = "nobody-" + System.nanoTime();
        for (int i = 0; i < LOGIN_ATTEMPTS; i++) {
            HttpResponse<String> failed = browser.signIn(user, "wrong");
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        }
        HttpResponse<String> locked = browser.signIn(user, "wrong");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(locked.body()).contains("Too many failed sign-ins. Try again in a minute.", "href=\"/login\"");
    }

    private Api.Response me(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return api().send(api().request("/api/me", null).header("Authorization", "Basic " + basic).GET());
    }
}
