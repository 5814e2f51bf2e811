package com.crmscoring.training.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import com.crmscoring.shared.clv.GammaGamma;
import java.util.List;

/**
 * Fits {@link GammaGamma} by maximum likelihood on the customers with at least one transaction to
 * average, from the distribution of a customer's mean transaction value given x transactions
 * (Fader, Hardie &amp; Lee 2005, "RFM and CLV", eq. 3).
 */
public final class GammaGammaFitter {

    static final String[] NAMES = {"p", "q", "gamma"};

    /** One customer: {@code x} transactions whose values average {@code meanValue}. */
    public record Spend(double x, double meanValue) {

        public Spend {
            if (!(x >= 1 && meanValue > 0) || !Double.isFinite(x + meanValue)) {
                throw new IllegalArgumentException("the spend model needs x >= 1 and a positive mean value: x=" + x
                        + " mean=" + meanValue);
            }
        }
    }

    /** The fitted model with its estimation record. */
    public record Result(GammaGamma model, MaximumLikelihood.Fit fit) {
    }

    public Result fit(List<Spend> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers with a transaction value to fit the Gamma-Gamma model on");
        }
        MaximumLikelihood.Fit fit = MaximumLikelihood.maximise(NAMES, new double[] {1, 2, 1}, customers.size(),
                params -> params[1] <= 1 || !Double.isFinite(params[0] + params[1] + params[2]) ? Double.NaN
                        : logLikelihood(params[0], params[1], params[2], customers));
        return new Result(new GammaGamma(fit.estimates()[0], fit.estimates()[1], fit.estimates()[2]), fit);
    }

    static double logLikelihood(double p, double q, double gamma, List<Spend> customers) {
        double shared = -logGamma(q) + q * Math.log(gamma);
        double total = 0;
        for (Spend s : customers) {
            double px = p * s.x();
            total += shared + logGamma(px + q) - logGamma(px) + (px - 1) * Math.log(s.meanValue()) + px * Math.log(s.x())
                    - (px + q) * Math.log(gamma + s.meanValue() * s.x());
        }
        return total;
    }
}
