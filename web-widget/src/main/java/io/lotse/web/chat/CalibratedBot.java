package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.bot.calibration.Calibration;
import io.lotse.bot.calibration.SelfCalibration;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.LotseProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot engine of this node, with one calibration per language on the knowledge base's own
 * example questions, made in the background: right after start and again when this node's index
 * has changed (its generation, without reading the articles).
 *
 * <p>Until the first calibration is done (seconds on a small knowledge base, tens of seconds on one
 * of ten thousand example questions) the engine decides with the defaults, and the node's health
 * says {@code OUT_OF_SERVICE}, so that a load balancer sends customers to a calibrated node; start-up
 * itself does not wait. Thresholds an operator sets win over the calibrated ones. A calibration that
 * fails keeps the engine that was there.
 */
final class CalibratedBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CalibratedBot.class);

    private final KnowledgeBase knowledgeBase;
    private final LotseProperties.Bot settings;
    private final BotMeters meters;
    /** The engine, with a calibration per language of the knowledge base and the defaults for any other. */
    private final AtomicReference<BotEngine> engine = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lotse-calibration");
        thread.setDaemon(true);
        return thread;
    });
    /** The knowledge base's generation the current calibration was made on. */
    private volatile long calibratedOn;
    /** Whether the first calibration is done (or failed, leaving the defaults). */
    private volatile boolean calibrated;

    CalibratedBot(KnowledgeBase knowledgeBase, LotseProperties.Bot settings, Duration recheck, BotMeters meters) {
        this.knowledgeBase = knowledgeBase;
        this.settings = settings;
        this.meters = meters;
        engine.set(engine(Map.of()));
        calibratedOn = -1;
        scheduler.execute(() -> {
            recalibrateIfChanged();
            calibrated = true;
        });
        scheduler.scheduleWithFixedDelay(this::recalibrateIfChanged, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The engine as last calibrated; it picks each message's calibration by the language it answers in. */
    BotEngine engine() {
        return engine.get();
    }

    /** Whether the first calibration is done: before, the engine decides with the defaults. */
    boolean calibrated() {
        return calibrated;
    }

    private void recalibrateIfChanged() {
        try {
            if (knowledgeBase.generation() != calibratedOn) {
                calibrate();
            }
        } catch (RuntimeException e) {
            log.warn("Could not calibrate the bot; keeping the current calibration: {}", e.toString());
        }
    }

    private void calibrate() {
        long generation = knowledgeBase.generation();
        long start = System.nanoTime();
        Map<String, Calibration.Result> calibrations;
        boolean succeeded = true;
        try {
            calibrations = SelfCalibration.byLocale(knowledgeBase, Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);
        } catch (RuntimeException e) {
            log.warn("Could not calibrate on the knowledge base; using the defaults: {}", e.toString());
            calibrations = Map.of();
            succeeded = false;
        }
        meters.calibrated(Duration.ofNanos(System.nanoTime() - start), succeeded);
        Map<String, BotEngine.ForLanguage> byLocale = new HashMap<>();
        calibrations.forEach((locale, calibration) -> {
            BotSettings botSettings = ChatConfiguration.settings(settings, calibration);
            byLocale.put(locale, new BotEngine.ForLanguage(botSettings, calibration.model()));
            log.info("Bot calibrated for '{}': {}; answers from confidence {}, asks back from {}", locale,
                    calibration.describe(), botSettings.answerThreshold(), botSettings.clarifyThreshold());
        });
        engine.set(engine(byLocale));
        calibratedOn = generation;
        log.info("Bot calibrated in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The engine with these calibrations, and the defaults for any other language. */
    private BotEngine engine(Map<String, BotEngine.ForLanguage> byLocale) {
        Calibration.Result defaults = Calibration.defaults();
        return BotEngine.builder()
                .retriever(knowledgeBase)
                .articles(knowledgeBase::get)
                .settings(ChatConfiguration.settings(settings, defaults))
                .confidence(defaults.model())
                .languages(byLocale)
                .build();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
