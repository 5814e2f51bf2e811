package com.crmscoring.training.eval;

import java.util.function.LongFunction;
import org.tribuo.Output;
import org.tribuo.Trainer;

/**
 * One model family with its hyper-parameters, as every trainer's model selection tries them. A
 * fresh trainer is built from the seed for every fit, because Tribuo's SGD trainers advance their
 * random state with each call to train.
 *
 * @param name        short id used in cards and metadata
 * @param description the hyper-parameters in words
 */
public record Candidate<T extends Output<T>>(String name, String description, LongFunction<Trainer<T>> trainer) {
}
