package com.crmscoring.shared.clv;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting your customers the
 * easy way", Marketing Science 24(2)): while alive, a customer buys as a Poisson process whose rate
 * is gamma(r, alpha) across customers; after each purchase they drop out with a probability that
 * is beta(a, b) across customers. Time is in the unit the parameters were fitted in (weeks here).
 *
 * <p>Only the closed-form predictions live here, shared by training and scoring; the likelihood
 * and its maximisation need log-gamma and an optimiser and stay in training.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be finite and positive: r=" + r + " alpha=" + alpha
                    + " a=" + a + " b=" + b);
        }
    }

    /**
     * A customer's purchase summary as of an instant, in the model's time unit.
     *
     * @param x  repeat purchases (all purchases but the first)
     * @param tx time from the first purchase to the last
     * @param t  time from the first purchase to the instant ({@code T} in the paper)
     */
    public record Summary(double x, double tx, double t) {

        public Summary {
            if (!(x >= 0 && tx >= 0 && t >= tx) || !Double.isFinite(x + tx + t)) {
                throw new IllegalArgumentException("a purchase summary needs 0 <= x, 0 <= t_x <= T: x=" + x + " t_x=" + tx
                        + " T=" + t);
            }
        }
    }

    /**
     * P(alive | x, t_x, T), eq. (A14) of the paper's appendix: a customer who has not bought again
     * is certainly alive (the model lets drop-out happen only right after a purchase).
     */
    public double probabilityAlive(Summary s) {
        if (s.x() == 0) {
            return 1.0;
        }
        // (alpha+T)/(alpha+t_x) raised to r+x overflows for frequent buyers: stay in logs.
        double log = Math.log(a) - Math.log(b + s.x() - 1) + (r + s.x()) * (Math.log(alpha + s.t()) - Math.log(alpha + s.tx()));
        return 1.0 / (1.0 + Math.exp(log));
    }

    /**
     * E[Y(horizon) | x, t_x, T]: expected purchases in the next {@code horizon}, eq. (10).
     *
     * <p>The paper's form multiplies ((alpha+T)/(alpha+T+t))^(r+x) by 2F1(r+x, b+x; a+b+x-1; z),
     * which overflow in opposite directions for a customer with hundreds of purchases. Euler's
     * transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the product into
     * (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose parameters no longer grow with x.
     */
    public double expectedPurchases(double horizon, Summary s) {
        if (horizon <= 0) {
            return 0;
        }
        double x = s.x();
        double z = horizon / (alpha + s.t() + horizon);
        double c = a + b + x - 1;
        double bracket = 1 - Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        double front = c / (a - 1);
        double denominator = 1;
        if (x > 0) {
            denominator += Math.exp(Math.log(a) - Math.log(b + x - 1)
                    + (r + x) * (Math.log(alpha + s.t()) - Math.log(alpha + s.tx())));
        }
        return front * bracket / denominator;
    }

    /** E[X(t)]: expected purchases of a new customer in their first {@code t}, eq. (7); for fit checks. */
    public double expectedPurchasesOfNewCustomer(double t) {
        double z = t / (alpha + t);
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }
}
