package com.crmscoring.shared.model;

/**
 * How far ONNX Runtime's float32 evaluation of a model may honestly stray from the reference, and
 * the one place where that is written down.
 *
 * <p>ONNX Runtime evaluates in float32 and picks its kernels by CPU (AVX2, AVX-512, FMA or not),
 * so the order and fusion of its additions differ between machines and the last bits of every
 * result with them. A fixed tolerance such as 1e-5 is therefore either tuned to one machine or
 * meaningless. Instead the tolerance is the worst-case rounding error of the arithmetic the graph
 * does, for the row at hand:
 *
 * <ul>
 *   <li>A sum of {@code n} float32 terms whose absolute values add up to {@code S}, in any order
 *       and with or without fused multiply-adds, is within {@code γ(n)·S} of the exact sum, where
 *       {@code γ(n) = n·u / (1 − n·u)} and {@code u = 2⁻²⁴} is float32's unit roundoff (Higham,
 *       <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., §3.1 and §4.2). A
 *       product's rounding and the rounding of the model's parameters to float32 each add one more
 *       {@code u·S}: {@link #sum} counts them as two extra terms.</li>
 *   <li>{@code S} is the model's size as this row sees it: the absolute values of a linear
 *       model's products, of the leaves a tree ensemble reaches, of the terms of a squared
 *       distance. Each model's reference computes it from the model's own parameters, so a model
 *       with large weights or many trees gets the wider tolerance it needs, and a small model a
 *       tight one.</li>
 *   <li>The output transform (Softmax, Exp, a subtraction) and reading it back in its natural
 *       domain (log-odds, log) cost a few more roundings of the value itself: ONNX Runtime's
 *       vectorised exp and log are accurate to within a few units in the last place, and
 *       {@link #TRANSFORM_ROUNDINGS} allows for eight.</li>
 *   <li>When the reference is itself computed in float32 (XGBoost predicts in float32, in its own
 *       order of summation), both sides carry such an error: the bound doubles.</li>
 * </ul>
 *
 * <p>These are worst-case bounds; real errors are usually a small fraction of them (rounding errors
 * mostly cancel). They stay far below any mismatch that matters: a swapped column, a lost tree, a
 * leaf or weight off by a thousandth all move a score by orders of magnitude more, and the
 * perturbed-model tests show that the gate catches them.
 */
public final class ParityTolerance {

    /** float32's unit roundoff, 2⁻²⁴ ≈ 5.96e-8. */
    public static final double U = 0x1p-24;
    /** Roundings allowed for the output transform and its inverse, in units of the value. */
    public static final int TRANSFORM_ROUNDINGS = 8;

    private ParityTolerance() {
    }

    /** γ(n) = n·u / (1 − n·u): the relative bound of an n-term float32 sum. */
    public static double gamma(long n) {
        double nu = n * U;
        if (nu >= 0.5) {
            throw new IllegalArgumentException(n + " terms: float32 cannot bound a sum this long");
        }
        return nu / (1 - nu);
    }

    /**
     * Bound on the error of a value accumulated from {@code terms} products whose absolute values
     * sum to {@code magnitude}, the parameters' own rounding to float32 included.
     */
    public static double sum(long terms, double magnitude) {
        return gamma(terms + 2) * magnitude;
    }

    /**
     * The tolerance for one compared value: its accumulation bound, the output transform's
     * roundings, and twice both when the reference is float32 too.
     *
     * @param accumulation     {@link #sum} of the value, or a model-specific bound
     * @param value            the reference value in its natural domain
     * @param float32Reference whether the reference computed in float32
     */
    public static double of(double accumulation, double value, boolean float32Reference) {
        double one = accumulation + TRANSFORM_ROUNDINGS * U * (1 + Math.abs(value));
        return float32Reference ? 2 * one : one;
    }

    /**
     * The tolerance of a log-odds read back from the positive class's float32 probability alone,
     * {@code log(p / (1 − p))}, as a scorer does: the margins' accumulation bound, plus the
     * probability's own roundings ({@link #TRANSFORM_ROUNDINGS} of {@code u·p}) magnified by the
     * log-odds' slope {@code 1 / (p·(1 − p))}, which gives {@code TRANSFORM_ROUNDINGS·u / (1 − p)}.
     * Near 1 it grows without bound: a float32 probability cannot say more there.
     *
     * @param accumulation {@link #sum} over both margins whose difference the log-odds is
     * @param p            the probability as read
     */
    public static double ofLogOddsFromProbability(double accumulation, double p) {
        return accumulation + TRANSFORM_ROUNDINGS * U / (1 - p);
    }
}
