package com.crmscoring.training.binary;

import java.util.List;
import java.util.function.LongFunction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * One model family with its hyper-parameters. A fresh trainer is built from the seed for every
 * fit, because Tribuo's SGD trainers advance their random state with each call to train.
 *
 * @param name        short id used in cards and metadata
 * @param description the hyper-parameters in words
 */
public record Candidate(String name, String description, LongFunction<Trainer<Label>> trainer) {

    /** Never logs per-epoch progress: training reports its own progress. */
    private static final int NO_LOGGING = Integer.MAX_VALUE;

    /**
     * The families Tribuo can export to ONNX today, each with a small grid. Logistic regression
     * is the published baseline for churn; factorization machines add pairwise interactions
     * (e.g. contract type with tenure) that a linear model cannot express.
     */
    public static List<Candidate> exportableFamilies() {
        return List.of(
                // AdaGrad's step shrinks with accumulated gradient: few epochs act as regularisation.
                new Candidate("logistic-regression-a", "logistic regression, AdaGrad(lr=0.1), 10 epochs, minibatch 1",
                        seed -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10, NO_LOGGING, 1, seed)),
                new Candidate("logistic-regression-b", "logistic regression, AdaGrad(lr=0.5), 5 epochs, minibatch 1",
                        seed -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 5, NO_LOGGING, 1, seed)),
                new Candidate("factorization-machine-k4", "factorization machine, 4 factors, AdaGrad(lr=0.1), 10 epochs",
                        seed -> new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10, NO_LOGGING, 1, seed, 4, 0.1)),
                new Candidate("factorization-machine-k8", "factorization machine, 8 factors, AdaGrad(lr=0.05), 15 epochs",
                        seed -> new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(0.05, 0.1), 15, NO_LOGGING, 1, seed, 8, 0.1)));
    }
}
