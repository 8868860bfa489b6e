package io.lotse.bot.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fitted logistic model: {@code 1 / (1 + e^−z)} with {@code z = intercept + Σ weight_k · feature_k}.
 *
 * @param names the features' names, for {@link #toString()}
 */
record Logistic(double intercept, double[] weights, List<String> names) {

    Logistic {
        weights = weights.clone();
        names = List.copyOf(names);
        if (weights.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " weights, got " + weights.length);
        }
        if (!Double.isFinite(intercept) || Arrays.stream(weights).anyMatch(w -> !Double.isFinite(w))) {
            throw new IllegalArgumentException("a logistic model needs finite numbers");
        }
    }

    /** Fits the model on examples (see {@link LogisticRegression#fit}). */
    static Logistic fit(double[][] x, double[] y, double[] weight, double ridge, List<String> names) {
        double[] beta = LogisticRegression.fit(x, y, weight, ridge);
        return new Logistic(beta[0], Arrays.copyOfRange(beta, 1, beta.length), names);
    }

    double probability(double[] features) {
        double z = intercept;
        for (int k = 0; k < weights.length; k++) {
            z += weights[k] * features[k];
        }
        return LogisticRegression.sigmoid(z);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String toString() {
        StringBuilder formula = new StringBuilder(String.format(Locale.ROOT, "sigmoid(%.3f", intercept));
        for (int k = 0; k < weights.length; k++) {
            formula.append(String.format(Locale.ROOT, " %s %.3f*%s", weights[k] < 0 ? "-" : "+", Math.abs(weights[k]), names.get(k)));
        }
        return formula.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Logistic that && intercept == that.intercept && Arrays.equals(weights, that.weights)
                && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(intercept) + Arrays.hashCode(weights)) + names.hashCode();
    }
}
