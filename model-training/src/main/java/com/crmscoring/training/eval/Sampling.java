package com.crmscoring.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded samples of row indices, for steps that are quadratic in rows. */
public final class Sampling {

    private Sampling() {
    }

    /** At most {@code max} of the indices {@code 0..n-1}, chosen by the seed, in ascending order. */
    public static int[] sample(int n, int max, long seed) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, Math.min(n, max)).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
