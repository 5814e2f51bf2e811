package com.crmscoring.training.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import com.crmscoring.shared.clv.BgNbd;
import java.util.List;

/**
 * Fits {@link BgNbd} by maximum likelihood: eq. (6) of Fader, Hardie &amp; Lee (2005), and for the
 * MBG/NBD variant eq. (7) of Batislam, Denizel &amp; Filiztekin (2007).
 */
public final class BgNbdFitter {

    static final String[] NAMES = {"r", "alpha", "a", "b"};

    /** The fitted model with its estimation record. */
    public record Result(BgNbd model, MaximumLikelihood.Fit fit) {
    }

    public Result fit(List<BgNbd.Summary> customers) {
        return fit(customers, BgNbd.Variant.BG_NBD);
    }

    public Result fit(List<BgNbd.Summary> customers, BgNbd.Variant variant) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit the BG/NBD model on");
        }
        // A neutral start (every parameter 1, log 0): the restarts take it from there, and the
        // CDNOW test shows it reaches the published optimum.
        MaximumLikelihood.Fit fit = MaximumLikelihood.maximise(NAMES, new double[] {1, 1, 1, 1}, customers.size(),
                params -> Double.isFinite(params[0] + params[1] + params[2] + params[3])
                        ? logLikelihood(new BgNbd(params[0], params[1], params[2], params[3], variant), customers) : Double.NaN);
        return new Result(new BgNbd(fit.estimates()[0], fit.estimates()[1], fit.estimates()[2], fit.estimates()[3], variant), fit);
    }

    /** The total log-likelihood, each term kept in logs (log-gamma, log-sum-exp) so that no power overflows. */
    static double logLikelihood(BgNbd m, List<BgNbd.Summary> customers) {
        double r = m.r();
        double alpha = m.alpha();
        double a = m.a();
        double b = m.b();
        // The MBG/NBD shifts b + x and a + b + x by one: its first purchase is a chance to drop out too.
        int d = m.variant() == BgNbd.Variant.MBG_NBD ? 1 : 0;
        double shared = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
        double total = 0;
        for (BgNbd.Summary s : customers) {
            double x = s.x();
            double ll = shared + logGamma(r + x) + logGamma(b + x + d) - logGamma(a + b + x + d);
            double stay = -(r + x) * Math.log(alpha + s.t());
            if (x > 0 || d == 1) {
                double dropped = Math.log(a) - Math.log(b + x - 1 + d) - (r + x) * Math.log(alpha + s.tx());
                double max = Math.max(stay, dropped);
                ll += max + Math.log(Math.exp(stay - max) + Math.exp(dropped - max));
            } else {
                ll += stay;
            }
            total += ll;
        }
        return total;
    }
}
