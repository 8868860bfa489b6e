package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.bot.Calibration;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.LotseProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot engine of this node, calibrated on the knowledge base's own example questions at start
 * and again, in the background, when the articles have changed.
 *
 * <p>Thresholds an operator sets win over the calibrated ones. A calibration that fails keeps the
 * engine that was there.
 */
final class CalibratedBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CalibratedBot.class);

    private final KnowledgeBase knowledgeBase;
    private final LotseProperties.Bot settings;
    private final AtomicReference<BotEngine> engine = new AtomicReference<>();
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

    BotEngine engine() {
        return engine.get();
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
        Calibration.Result calibration;
        try {
            calibration = SelfCalibration.of(knowledgeBase, Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);
        } catch (RuntimeException e) {
            log.warn("Could not calibrate on the knowledge base; using the defaults: {}", e.toString());
            calibration = Calibration.defaults();
        }
        BotSettings botSettings = ChatConfiguration.settings(settings, calibration);
        engine.set(new BotEngine(knowledgeBase, knowledgeBase::get, botSettings, calibration.model()));
        calibratedOn = fingerprint;
        log.info("Bot calibrated in {} ms: {}; answers from confidence {}, asks back from {}",
                (System.nanoTime() - start) / 1_000_000, calibration.describe(), botSettings.answerThreshold(),
                botSettings.clarifyThreshold());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
