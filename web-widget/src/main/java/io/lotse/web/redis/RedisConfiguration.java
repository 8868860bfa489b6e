package io.lotse.web.redis;

import io.lotse.web.LotseProperties;
import io.lotse.web.system.PrivateFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** Connects to the Redis named by {@code spring.data.redis.url}, or starts an embedded one. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean(destroyMethod = "close")
    RedisConnections redisConnections(
            LotseProperties properties, @Value("${spring.data.redis.url:}") String url) {
        if (StringUtils.hasText(url)) {
            return new RedisConnections(url, properties.redis().timeout(), null);
        }
        PrivateFiles.restrict(properties.dataDir());
        EmbeddedRedis embedded = EmbeddedRedis.start(
                properties.dataDir().resolve("redis"), properties.redis().embeddedPort());
        try {
            return new RedisConnections(
                    "redis://127.0.0.1:" + embedded.port(), properties.redis().timeout(), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(RedisConnections connections) {
        return new RedisHealthIndicator(connections);
    }
}
