package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationTokensTests {

    private static final byte[] SECRET = "a secret of enough length".getBytes(StandardCharsets.UTF_8);

    private final ConversationTokens tokens = new ConversationTokens(SECRET);

    @Test
    void aTokenProvesItsConversation() {
        String token = tokens.issue("conv-1");
        assertThat(token).startsWith("conv-1.");
        assertThat(tokens.verify(token)).hasValue("conv-1");
    }

    @Test
    void anythingElseProvesNothing() {
        String token = tokens.issue("conv-1");
        String signature = token.substring(token.indexOf('.') + 1);
        assertThat(tokens.verify("conv-2." + signature)).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify("conv-1")).isEmpty();
        assertThat(tokens.verify("conv-1.")).isEmpty();
        assertThat(tokens.verify(".abc")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("x".repeat(500))).isEmpty();
        ConversationTokens otherInstallation = new ConversationTokens("another secret, long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(otherInstallation.verify(token)).isEmpty();
    }

    @Test
    void aTokenExpiresAfterItsTimeToLive() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        ConversationTokens expiring = new ConversationTokens(TokenKeys.fixed(SECRET), Duration.ofDays(30), clock);
        String token = expiring.issue("conv-1");

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(expiring.verify(token)).hasValue("conv-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(expiring.verify(token)).isEmpty();

        String[] parts = token.split("\\.");
        String prolonged = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertThat(expiring.verify(prolonged)).as("a changed expiry breaks the signature").isEmpty();
        assertThat(expiring.verify("conv-1." + parts[2])).as("a token of the form before expiries").isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConversationTokens(new byte[8]));
    }

    /** A clock that stands still until the test moves it. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
