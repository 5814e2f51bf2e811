package com.crmscoring.shared.clv;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1, by its power series. No
 * maintained Java library offers it (Commons Math and Hipparchus do not), and the BG/NBD only ever
 * evaluates it at z = t / (alpha + T + t) &lt; 1 with the small parameters {@link BgNbd} arranges,
 * where the series converges geometrically; a series that has not converged is an error, never a
 * silently wrong value.
 */
final class Hypergeometric {

    private static final int MAX_TERMS = 100_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is only evaluated for 0 <= z < 1, not " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-16 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in " + MAX_TERMS + " terms");
    }
}
