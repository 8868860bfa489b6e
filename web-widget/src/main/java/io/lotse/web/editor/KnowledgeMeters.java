package io.lotse.web.editor;

import io.lotse.knowledge.KnowledgeBase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The knowledge base's meters, read from this node's index: its articles by language, and its
 * generation, which grows with every change the node applies (so a node that lags behind the others
 * shows). The languages are looked up again every few seconds, as editors add and remove articles.
 */
final class KnowledgeMeters {

    private final KnowledgeBase knowledgeBase;
    private final MultiGauge articles;

    KnowledgeMeters(KnowledgeBase knowledgeBase, MeterRegistry meters) {
        this.knowledgeBase = knowledgeBase;
        this.articles = MultiGauge.builder("lotse.knowledge.articles").description("Articles in this node's index, by language")
                .register(meters);
        Gauge.builder("lotse.knowledge.generation", knowledgeBase, KnowledgeBase::generation)
                .description("Changes this node's index has applied since start (articles and retrained classifiers)")
                .register(meters);
        refresh();
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    void refresh() {
        articles.register(knowledgeBase.sizeByLanguage().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("language", entry.getKey()), entry.getValue()))
                .toList(), true);
    }
}
