package io.lotse.bot.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTests {

    @Test
    void recoversTheCoefficientsThatGeneratedTheData() {
        Random random = new Random(7);
        int n = 20_000;
        double[][] x = new double[n][];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = 10 * random.nextDouble();
            x[i] = new double[] {a, b};
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(-1 + 2 * a - 0.3 * b) ? 1 : 0;
            w[i] = 1;
        }

        double[] beta = LogisticRegression.fit(x, y, w, 1e-6);

        assertThat(beta[0]).isCloseTo(-1, offset(0.15));
        assertThat(beta[1]).isCloseTo(2, offset(0.1));
        assertThat(beta[2]).isCloseTo(-0.3, offset(0.03));
    }

    @Test
    void weightsCountAsRepetitions() {
        double[][] x = {{0}, {0}, {1}, {1}};
        double[] once = LogisticRegression.fit(x, new double[] {1, 0, 1, 0}, new double[] {3, 1, 1, 3}, 1e-9);
        double[][] repeated = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
        double[] twice = LogisticRegression.fit(repeated, new double[] {1, 1, 1, 0, 1, 0, 0, 0}, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 1e-9);

        assertThat(once[0]).isCloseTo(twice[0], offset(1e-6));
        assertThat(once[1]).isCloseTo(twice[1], offset(1e-6));
        assertThat(LogisticRegression.sigmoid(once[0])).isCloseTo(0.75, offset(1e-6));
    }

    @Test
    void aConstantFeatureAndSeparableDataStayFinite() {
        double[][] x = {{1, 0}, {1, 0.1}, {1, 0.9}, {1, 1}};
        double[] beta = LogisticRegression.fit(x, new double[] {0, 0, 1, 1}, new double[] {1, 1, 1, 1}, 1e-3);

        for (double b : beta) {
            assertThat(Double.isFinite(b)).isTrue();
        }
        assertThat(beta[2]).isPositive();
    }

    @Test
    void nothingToFit() {
        assertThatThrownBy(() -> LogisticRegression.fit(new double[0][], new double[0], new double[0], 1e-3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSigmoidIsSafeAtTheExtremes() {
        assertThat(LogisticRegression.sigmoid(-1000)).isBetween(0.0, 1e-300);
        assertThat(LogisticRegression.sigmoid(1000)).isEqualTo(1.0);
        assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
    }
}
