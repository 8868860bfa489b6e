package io.lotse.web.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one evaluation and the report line that carries them.
 *
 * <p>in-scope accuracy: the share of in-scope questions answered with their own article;
 * out-of-scope recall: the share of out-of-scope questions not answered; out-of-scope precision:
 * of the questions not answered, the share that were out of scope; wrong-answer rate: the share of
 * all questions answered with a wrong article; answer rate: the share answered at all. A clarifying
 * question, an admission, small talk and a handoff are all "not answered".
 */
record Figures(int questions, int inScope, int inScopeRight, int outOfScope, int outOfScopeUnanswered, int unanswered,
        int wrong, int answered, double indexSeconds, double p50Millis, double p99Millis) {

    /** One question's outcome: the article expected ({@code null}: out of scope) and the one answered ({@code null}: none). */
    record Outcome(String expected, String answered, long nanos) {}

    static Figures of(List<Outcome> outcomes, double indexSeconds) {
        int inScope = 0;
        int inScopeRight = 0;
        int outOfScope = 0;
        int outOfScopeUnanswered = 0;
        int unanswered = 0;
        int wrong = 0;
        for (Outcome outcome : outcomes) {
            boolean isAnswered = outcome.answered() != null;
            if (outcome.expected() == null) {
                outOfScope++;
                if (!isAnswered) {
                    outOfScopeUnanswered++;
                }
            } else {
                inScope++;
                if (isAnswered && outcome.answered().equals(outcome.expected())) {
                    inScopeRight++;
                }
            }
            if (!isAnswered) {
                unanswered++;
            } else if (!outcome.answered().equals(outcome.expected())) {
                wrong++;
            }
        }
        long[] nanos = outcomes.stream().mapToLong(Outcome::nanos).toArray();
        Arrays.sort(nanos);
        return new Figures(outcomes.size(), inScope, inScopeRight, outOfScope, outOfScopeUnanswered, unanswered, wrong,
                outcomes.size() - unanswered, indexSeconds, percentile(nanos, 0.50), percentile(nanos, 0.99));
    }

    /** The last line of the command's output, exactly as the issue defines it. */
    String line(String name) {
        return String.format(Locale.ROOT, "dataset=%s n=%d %s index_s=%.1f p50_ms=%.2f p99_ms=%.2f",
                name, questions, shares(), indexSeconds, p50Millis, p99Millis);
    }

    /** The shares of the report line, from {@code in_scope_accuracy} to {@code answer_rate}. */
    String shares() {
        return String.format(Locale.ROOT, "in_scope_accuracy=%s oos_recall=%s oos_precision=%s wrong_answer_rate=%s answer_rate=%s",
                share(inScopeRight, inScope), outOfScope == 0 ? "na" : share(outOfScopeUnanswered, outOfScope),
                outOfScope == 0 || unanswered == 0 ? "na" : share(outOfScopeUnanswered, unanswered), share(wrong, questions),
                share(answered, questions));
    }

    private static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%.4f", whole == 0 ? 0.0 : (double) part / whole);
    }

    /** The nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }
}
