package io.lotse.bot.calibration;

/**
 * A weighted logistic regression with a small ridge penalty, fitted by Newton's method.
 *
 * <p>For the handful of features of a calibration: inputs are standardised for the fit and the
 * result folded back, so the penalty treats every feature alike whatever its scale. The intercept
 * is not penalised. Deterministic.
 */
final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    private LogisticRegression() {}

    /**
     * @param x one row of features per example
     * @param y 1 for a right answer, 0 otherwise
     * @param weight each example's weight, at least 0
     * @param ridge the penalty on the squared standardised weights, relative to the total weight
     * @return the intercept followed by one weight per feature, for raw (unstandardised) features
     */
    static double[] fit(double[][] x, double[] y, double[] weight, double ridge) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        if (n == 0 || total <= 0) {
            throw new IllegalArgumentException("no examples to fit");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int k = 0; k < d; k++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                sum += weight[i] * x[i][k];
                squares += weight[i] * x[i][k] * x[i][k];
            }
            mean[k] = sum / total;
            double variance = Math.max(0, squares / total - mean[k] * mean[k]);
            scale[k] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int k = 0; k < d; k++) {
                z[i][k + 1] = (x[i][k] - mean[k]) / scale[k];
            }
        }
        double lambda = ridge * total;
        double[] beta = new double[d + 1];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(beta, z[i]));
                double residual = weight[i] * (y[i] - p);
                double curvature = weight[i] * p * (1 - p);
                for (int a = 0; a <= d; a++) {
                    gradient[a] += residual * z[i][a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += curvature * z[i][a] * z[i][b];
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a > 0) {
                    gradient[a] -= lambda * beta[a];
                    hessian[a][a] += lambda;
                }
                hessian[a][a] += 1e-9 * total;
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a <= d; a++) {
                beta[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        double[] raw = new double[d + 1];
        raw[0] = beta[0];
        for (int k = 0; k < d; k++) {
            raw[k + 1] = beta[k + 1] / scale[k];
            raw[0] -= raw[k + 1] * mean[k];
        }
        return raw;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            double diagonal = m[col][col];
            if (Math.abs(diagonal) < 1e-300) {
                continue;
            }
            for (int row = col + 1; row < n; row++) {
                double factor = m[row][col] / diagonal;
                for (int k = col; k <= n; k++) {
                    m[row][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * x[k];
            }
            x[row] = Math.abs(m[row][row]) < 1e-300 ? 0 : sum / m[row][row];
        }
        return x;
    }
}
