package io.lotse.web.redis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up when Redis answers a PING. */
class RedisHealthIndicator implements HealthIndicator {

    private final RedisConnections connections;

    RedisHealthIndicator(RedisConnections connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        Health.Builder builder = connections.ping() ? Health.up() : Health.down();
        return builder.withDetail("server", connections.description()).build();
    }
}
