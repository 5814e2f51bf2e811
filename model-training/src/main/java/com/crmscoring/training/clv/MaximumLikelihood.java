package com.crmscoring.training.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over positive parameters, searched in their logarithms so that every step
 * stays in the parameter space and the surface is closer to quadratic. Nelder-Mead from Commons
 * Math (derivative-free: the likelihoods' gradients would need digamma sums we would have to
 * maintain), restarted from its own optimum until the log-likelihood stops improving, because a
 * simplex can stall on a ridge. Standard errors come from the observed information: the inverse
 * of the Hessian of the negative log-likelihood at the optimum, by central differences, in log
 * space; the 95 % interval exp(log theta +- 1.96 se) stays positive.
 */
public final class MaximumLikelihood {

    /** A fitted model's parameters with their uncertainty. */
    public record Fit(String[] names, double[] estimates, double[] standardErrors, double[] lower95, double[] upper95,
                      double logLikelihood, int observations) {
    }

    private static final double Z95 = 1.959963984540054;
    /** Step of the finite differences in log-parameters: ~ cube root of machine epsilon, for central differences. */
    private static final double STEP = 1e-4;

    private MaximumLikelihood() {
    }

    /**
     * @param logLikelihood the total log-likelihood at the given (natural, positive) parameters;
     *                      NaN or -infinity where the parameters are outside the model
     */
    static Fit maximise(String[] names, double[] start, int observations, ToDoubleFunction<double[]> logLikelihood) {
        ToDoubleFunction<double[]> negative = logs -> {
            double v = logLikelihood.applyAsDouble(exp(logs));
            return Double.isFinite(v) ? -v : Double.MAX_VALUE;
        };
        double[] point = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            point[i] = Math.log(start[i]);
        }
        double best = negative.applyAsDouble(point);
        for (int round = 0; round < 20; round++) {
            SimplexOptimizer optimiser = new SimplexOptimizer(1e-13, 1e-13);
            PointValuePair found = optimiser.optimize(new MaxEval(200_000), new ObjectiveFunction(negative::applyAsDouble),
                    GoalType.MINIMIZE, new InitialGuess(point), new NelderMeadSimplex(start.length, 0.1));
            boolean improved = found.getValue() < best - 1e-9;
            point = found.getPoint();
            best = Math.min(best, found.getValue());
            if (!improved && round > 0) {
                break;
            }
        }
        if (best == Double.MAX_VALUE) {
            throw new IllegalStateException("the likelihood is not finite anywhere the search went: the data cannot fit this model");
        }
        double[] se = standardErrors(negative, point);
        double[] estimates = exp(point);
        double[] lower = new double[point.length];
        double[] upper = new double[point.length];
        double[] natural = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            natural[i] = estimates[i] * se[i];   // delta method: d theta = theta d log theta
            lower[i] = Math.exp(point[i] - Z95 * se[i]);
            upper[i] = Math.exp(point[i] + Z95 * se[i]);
        }
        return new Fit(names.clone(), estimates, natural, lower, upper, -best, observations);
    }

    /** Standard errors of the log-parameters; NaN where the information matrix is singular. */
    private static double[] standardErrors(ToDoubleFunction<double[]> f, double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        double f0 = f.applyAsDouble(x);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double value;
                if (i == j) {
                    value = (f.applyAsDouble(shift(x, i, STEP, j, 0)) - 2 * f0 + f.applyAsDouble(shift(x, i, -STEP, j, 0)))
                            / (STEP * STEP);
                } else {
                    value = (f.applyAsDouble(shift(x, i, STEP, j, STEP)) - f.applyAsDouble(shift(x, i, STEP, j, -STEP))
                            - f.applyAsDouble(shift(x, i, -STEP, j, STEP)) + f.applyAsDouble(shift(x, i, -STEP, j, -STEP)))
                            / (4 * STEP * STEP);
                }
                h[i][j] = value;
                h[j][i] = value;
            }
        }
        double[] se = new double[n];
        try {
            RealMatrix covariance = new LUDecomposition(new Array2DRowRealMatrix(h, false)).getSolver().getInverse();
            for (int i = 0; i < n; i++) {
                double v = covariance.getEntry(i, i);
                se[i] = v > 0 ? Math.sqrt(v) : Double.NaN;
            }
        } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
            Arrays.fill(se, Double.NaN);
        }
        return se;
    }

    private static double[] shift(double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        y[j] += dj;
        return y;
    }

    private static double[] exp(double[] logs) {
        double[] out = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            out[i] = Math.exp(logs[i]);
        }
        return out;
    }
}
