package io.lotse.web.editor;

import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.web.LotseProperties;
import io.lotse.web.redis.RedisConnections;
import io.lotse.web.system.PrivateFiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens this node's knowledge base (articles in Redis, index under the data directory) and fills it
 * at start-up: the folder of {@code chatbot.knowledge.import-dir} when set, else the bundled samples
 * on first start.
 */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);

    @Bean(destroyMethod = "close")
    KnowledgeBase knowledgeBase(LotseProperties properties, RedisConnections redis) {
        // The data folder and the index the service user's only; the files the first import writes too.
        PrivateFiles.restrict(properties.dataDir().resolve("index"));
        PrivateFiles.restrict(properties.dataDir());
        KnowledgeBase knowledgeBase = KnowledgeBase.open(
                new KnowledgeBaseSettings(properties.dataDir().resolve("index"), properties.redis().keyPrefix(),
                        properties.embeddings().settings()),
                redis.main(), redis.newPubSub());
        Path importDir = properties.knowledge().importDir();
        if (importDir != null) {
            if (!Files.isDirectory(importDir)) {
                knowledgeBase.close();
                throw new IllegalStateException("chatbot.knowledge.import-dir is not a folder: " + importDir.toAbsolutePath());
            }
            report("import of " + importDir.toAbsolutePath(), knowledgeBase.importDirectory(importDir));
        } else {
            report("sample knowledge base", knowledgeBase.importSamples());
        }
        PrivateFiles.restrict(properties.dataDir().resolve("index"));
        log.info("Knowledge base ready with {} articles", knowledgeBase.size());
        return knowledgeBase;
    }

    private static void report(String what, ImportReport report) {
        log.info("{}: {} articles imported, {} files with problems", what, report.imported(), report.problems().size());
        report.problems().forEach(p -> log.warn("Not imported: {}: {}", p.file(), p.problem()));
    }

    @Bean
    KnowledgeMeters knowledgeMeters(KnowledgeBase knowledgeBase, MeterRegistry meters) {
        return new KnowledgeMeters(knowledgeBase, meters);
    }

    @Bean
    HealthIndicator knowledgeBaseHealthIndicator(KnowledgeBase knowledgeBase) {
        return () -> (knowledgeBase.isReady() ? Health.up() : Health.down())
                .withDetail("articles", knowledgeBase.size())
                .build();
    }
}
