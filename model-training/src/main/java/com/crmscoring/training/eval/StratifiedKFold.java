package com.crmscoring.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold assignment: each fold keeps the overall share of positives, as in the
 * published reference results (scikit-learn's {@code StratifiedKFold(shuffle=True)}).
 */
public final class StratifiedKFold {

    private StratifiedKFold() {
    }

    /** @return the fold (0..k-1) of every row; deterministic for a seed */
    public static int[] assign(boolean[] positive, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2");
        }
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < positive.length; i++) {
            (positive[i] ? pos : neg).add(i);
        }
        if (pos.size() < k || neg.size() < k) {
            throw new IllegalArgumentException("each class needs at least " + k + " rows for " + k
                    + "-fold cross-validation (positives: " + pos.size() + ", negatives: " + neg.size() + ")");
        }
        Random random = new Random(seed);
        Collections.shuffle(pos, random);
        Collections.shuffle(neg, random);
        int[] fold = new int[positive.length];
        for (int i = 0; i < pos.size(); i++) {
            fold[pos.get(i)] = i % k;
        }
        for (int i = 0; i < neg.size(); i++) {
            fold[neg.get(i)] = i % k;
        }
        return fold;
    }
}
