package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsTheLimitThroughPerWindowThenRecovers() {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(10));
        assertThat(limit.tryAcquire(0)).isTrue();
        assertThat(limit.tryAcquire(1 * SECOND)).isTrue();
        assertThat(limit.tryAcquire(2 * SECOND)).isTrue();
        assertThat(limit.tryAcquire(3 * SECOND)).isFalse();
        assertThat(limit.tryAcquire(9 * SECOND)).isFalse();
        assertThat(limit.tryAcquire(10 * SECOND)).isTrue();
        assertThat(limit.tryAcquire(10 * SECOND)).isFalse();
        assertThat(limit.tryAcquire(12 * SECOND)).isTrue();
    }
}
