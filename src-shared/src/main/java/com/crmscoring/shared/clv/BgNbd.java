package com.crmscoring.shared.clv;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting your customers the
 * easy way", Marketing Science 24(2)): while alive, a customer buys as a Poisson process whose rate
 * is gamma(r, alpha) across customers; after each purchase they drop out with a probability that
 * is beta(a, b) across customers. Time is in the unit the parameters were fitted in (weeks here).
 *
 * <p>The {@link Variant#MBG_NBD} variant (Batislam, Denizel &amp; Filiztekin 2007) lets a customer
 * drop out right after the first purchase too. In the original a customer who has bought once is
 * "alive" for ever (P(alive) = 1, however long ago), which makes P(alive) useless for ranking a
 * shop full of one-time buyers; the variant has the same four parameters and a likelihood of the
 * same shape, so training fits both and keeps the one the data likes better.
 *
 * <p>Only the closed-form predictions live here, shared by training and scoring; the likelihood
 * and its maximisation need log-gamma and an optimiser and stay in training.
 */
public record BgNbd(double r, double alpha, double a, double b, Variant variant) {

    /** Where drop-out may happen. */
    public enum Variant {
        /** Fader, Hardie &amp; Lee (2005): only after a repeat purchase. */
        BG_NBD(0),
        /** Batislam, Denizel &amp; Filiztekin (2007): after every purchase, the first included. */
        MBG_NBD(1);

        /** Shifts b and the hypergeometric terms by one where the first purchase can end a life. */
        final int d;

        Variant(int d) {
            this.d = d;
        }
    }

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be finite and positive: r=" + r + " alpha=" + alpha
                    + " a=" + a + " b=" + b);
        }
        variant = variant == null ? Variant.BG_NBD : variant;
    }

    /** The original BG/NBD. */
    public BgNbd(double r, double alpha, double a, double b) {
        this(r, alpha, a, b, Variant.BG_NBD);
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
     * P(alive | x, t_x, T), eq. (A14) of the paper's appendix: in the original a customer who has
     * not bought again is certainly alive (drop-out happens only right after a repeat purchase).
     */
    public double probabilityAlive(Summary s) {
        if (!canHaveDroppedOut(s)) {
            return 1.0;
        }
        return 1.0 / (1.0 + Math.exp(logDropOutOdds(s)));
    }

    /**
     * E[Y(horizon) | x, t_x, T]: expected purchases in the next {@code horizon}, eq. (10).
     *
     * <p>The paper's form multiplies ((alpha+T)/(alpha+T+t))^(r+x) by 2F1(r+x, b+x; a+b+x-1; z),
     * which overflow in opposite directions for a customer with hundreds of purchases. Euler's
     * transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the product into
     * (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose parameters no longer grow with x. (For the
     * MBG/NBD, b+x and a+b+x-1 become b+x+1 and a+b+x.)
     */
    public double expectedPurchases(double horizon, Summary s) {
        if (horizon <= 0) {
            return 0;
        }
        int d = variant.d;
        double z = horizon / (alpha + s.t() + horizon);
        double c = a + b + s.x() - 1 + d;
        double bracket = 1 - Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 + d - r, a - 1, c, z);
        double denominator = canHaveDroppedOut(s) ? 1 + Math.exp(logDropOutOdds(s)) : 1;
        return c / (a - 1) * bracket / denominator;
    }

    private boolean canHaveDroppedOut(Summary s) {
        return s.x() > 0 || variant == Variant.MBG_NBD;
    }

    /** log of a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x), in logs because the power overflows for frequent buyers. */
    private double logDropOutOdds(Summary s) {
        return Math.log(a) - Math.log(b + s.x() - 1 + variant.d) + (r + s.x()) * (Math.log(alpha + s.t()) - Math.log(alpha + s.tx()));
    }
}
