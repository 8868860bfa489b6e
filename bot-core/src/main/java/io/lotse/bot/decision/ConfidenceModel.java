package io.lotse.bot.decision;

import io.lotse.knowledge.SearchHit;
import java.util.List;

/**
 * Turns the retriever's ranked hits into confidences, 0..1, that each article answers the message.
 *
 * <p>{@link io.lotse.bot.calibration.CalibratedConfidence} is the one to use; a model sees all hits at once because a
 * confidence depends on the competition too. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConfidenceModel {

    /** One confidence per hit, in the hits' order. */
    double[] confidences(List<SearchHit> hits);
}
