package io.lotse.evaluation;

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
 * question, an admission, small talk and a handoff are all "not answered". Then, of the in-scope
 * questions: resolved rate, the share whose reply is their own article, as an answer (a guide's
 * first step included) or among the at most {@value #MAX_OFFERED} articles a clarifying question
 * offers; top-1 rate, the share whose own article the engine ranked first, whatever it then decided.
 */
record Figures(int questions, int inScope, int inScopeRight, int outOfScope, int outOfScopeUnanswered, int unanswered,
        int wrong, int answered, int inScopeResolved, int inScopeTop1, double indexSeconds, double p50Millis,
        double p99Millis) {

    /** A clarifying question resolves a question only if it offers the right article among at most this many. */
    static final int MAX_OFFERED = 3;

    /**
     * One question's outcome.
     *
     * @param expected the article expected; {@code null}: out of scope
     * @param answered the article answered with; {@code null}: none
     * @param offered the articles a clarifying question offered, never {@code null}
     * @param rankedFirst the article the engine ranked first; {@code null}: it searched nothing or found nothing
     * @param nanos the engine's time for the question
     */
    record Outcome(String expected, String answered, List<String> offered, String rankedFirst, long nanos) {

        Outcome {
            offered = offered == null ? List.of() : List.copyOf(offered);
        }

        /** An outcome that offered nothing and whose ranking is unknown. */
        Outcome(String expected, String answered, long nanos) {
            this(expected, answered, List.of(), null, nanos);
        }

        /** Whether the reply was the right article, answered or among a few offered. */
        boolean resolved() {
            return expected != null && (expected.equals(answered)
                    || (offered.size() <= MAX_OFFERED && offered.contains(expected)));
        }
    }

    static Figures of(List<Outcome> outcomes, double indexSeconds) {
        int inScope = 0;
        int inScopeRight = 0;
        int inScopeResolved = 0;
        int inScopeTop1 = 0;
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
                if (outcome.resolved()) {
                    inScopeResolved++;
                }
                if (outcome.expected().equals(outcome.rankedFirst())) {
                    inScopeTop1++;
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
                outcomes.size() - unanswered, inScopeResolved, inScopeTop1, indexSeconds, percentile(nanos, 0.50),
                percentile(nanos, 0.99));
    }

    /** The last line of the command's output, exactly as the issue defines it. */
    String line(String name) {
        return String.format(Locale.ROOT, "dataset=%s n=%d %s index_s=%.1f p50_ms=%.2f p99_ms=%.2f %s",
                name, questions, shares(), indexSeconds, p50Millis, p99Millis, resolution());
    }

    /** {@code resolved_rate} and {@code top1_rate}, the last fields of the report line. */
    String resolution() {
        return String.format(Locale.ROOT, "resolved_rate=%s top1_rate=%s",
                share(inScopeResolved, inScope), share(inScopeTop1, inScope));
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
