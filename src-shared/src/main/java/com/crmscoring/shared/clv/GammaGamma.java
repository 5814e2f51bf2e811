package com.crmscoring.shared.clv;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV",
 * Journal of Marketing Research 42(4); Colombo &amp; Jiang 1999): a customer's transaction values
 * are gamma(p, nu) around their own mean, and nu is gamma(q, gamma) across customers. Independent
 * of the purchase process by assumption, so expected spend = expected purchases x expected value.
 */
public record GammaGamma(double p, double q, double gamma) {

    public GammaGamma {
        if (!(p > 0 && q > 1 && gamma > 0) || !Double.isFinite(p + q + gamma)) {
            // q > 1 so that the population mean value p*gamma/(q-1) exists.
            throw new IllegalArgumentException("Gamma-Gamma parameters must be finite with p > 0, q > 1, gamma > 0: p=" + p
                    + " q=" + q + " gamma=" + gamma);
        }
    }

    /**
     * E[M | x, m]: a customer's expected value per transaction after seeing {@code x} transactions
     * with mean value {@code meanValue}; a weighted average of the population mean and their own.
     */
    public double expectedValue(double x, double meanValue) {
        if (x <= 0 || !(meanValue > 0)) {
            return populationMean();
        }
        return p * (gamma + x * meanValue) / (p * x + q - 1);
    }

    /** The mean transaction value of a customer about whom nothing is known yet. */
    public double populationMean() {
        return p * gamma / (q - 1);
    }
}
