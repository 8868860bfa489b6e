package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.bot.Calibration;
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
 * The bot engines of this node, one per language, calibrated on the knowledge base's own example
 * questions at start and again, in the background, when the articles have changed.
 *
 * <p>Thresholds an operator sets win over the calibrated ones. A calibration that fails keeps the
 * engine that was there.
 */
final class CalibratedBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CalibratedBot.class);

    private final KnowledgeBase knowledgeBase;
    private final LotseProperties.Bot settings;
    /** One engine per language of the knowledge base, and one for any other language. */
    private final AtomicReference<Engines> engines = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lotse-calibration");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int calibratedOn;

    CalibratedBot(KnowledgeBase knowledgeBase, LotseProperties.Bot settings, Duration recheck) {
        this.knowledgeBase = knowledgeBase;
        this.settings = settings;
        calibrate();
        scheduler.scheduleWithFixedDelay(this::recalibrateIfChanged, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Engines(Map<String, BotEngine> byLocale, BotEngine fallback) {}

    /** The engine calibrated for a conversation's language. */
    BotEngine engine(String locale) {
        Engines current = engines.get();
        return locale == null ? current.fallback() : current.byLocale().getOrDefault(locale, current.fallback());
    }

    private void recalibrateIfChanged() {
        try {
            if (knowledgeBase.list(null).hashCode() != calibratedOn) {
                calibrate();
            }
        } catch (RuntimeException e) {
            log.warn("Could not calibrate the bot again; keeping the current calibration: {}", e.toString());
        }
    }

    private void calibrate() {
        int fingerprint = knowledgeBase.list(null).hashCode();
        long start = System.nanoTime();
        Map<String, Calibration.Result> calibrations;
        try {
            calibrations = SelfCalibration.byLocale(knowledgeBase, Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);
        } catch (RuntimeException e) {
            log.warn("Could not calibrate on the knowledge base; using the defaults: {}", e.toString());
            calibrations = Map.of();
        }
        Map<String, BotEngine> byLocale = new HashMap<>();
        calibrations.forEach((locale, calibration) -> {
            BotSettings botSettings = ChatConfiguration.settings(settings, calibration);
            byLocale.put(locale, new BotEngine(knowledgeBase, knowledgeBase::get, botSettings, calibration.model()));
            log.info("Bot calibrated for '{}': {}; answers from confidence {}, asks back from {}", locale,
                    calibration.describe(), botSettings.answerThreshold(), botSettings.clarifyThreshold());
        });
        Calibration.Result defaults = Calibration.defaults();
        BotEngine fallback = new BotEngine(knowledgeBase, knowledgeBase::get, ChatConfiguration.settings(settings, defaults),
                defaults.model());
        engines.set(new Engines(Map.copyOf(byLocale), fallback));
        calibratedOn = fingerprint;
        log.info("Bot calibrated in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
