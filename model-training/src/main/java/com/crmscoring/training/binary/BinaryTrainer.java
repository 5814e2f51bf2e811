package com.crmscoring.training.binary;

import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.training.eval.BinaryMetrics;
import com.crmscoring.training.eval.Candidate;
import com.crmscoring.training.eval.StratifiedKFold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Chooses among candidate model families by a stratified k-fold cross-validated metric (ROC AUC
 * unless told otherwise), then refits the winner on all rows.
 *
 * <p>Within each fold the feature specification (medians, means, levels) is fitted on the
 * training part only, so the held-out part is scored exactly as unseen customers would be.
 */
public final class BinaryTrainer {

    /** Tribuo label of the positive class. */
    public static final String POSITIVE = "1";
    /** Tribuo label of the negative class. */
    public static final String NEGATIVE = "0";

    private static final LabelFactory LABELS = new LabelFactory();

    private final List<Candidate<Label>> candidates;
    private final int folds;
    private final long seed;
    private final Consumer<String> progress;
    private final SelectionMetric selection;

    public BinaryTrainer(List<Candidate<Label>> candidates, int folds, long seed, Consumer<String> progress) {
        this(candidates, folds, seed, progress, SelectionMetric.ROC_AUC);
    }

    public BinaryTrainer(List<Candidate<Label>> candidates, int folds, long seed, Consumer<String> progress, SelectionMetric selection) {
        this.selection = selection;
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate model families");
        }
        this.candidates = List.copyOf(candidates);
        this.folds = folds;
        this.seed = seed;
        this.progress = progress;
    }

    /** Folds of the cross-validation. */
    public int folds() {
        return folds;
    }

    /** The metric candidates are chosen by. */
    public SelectionMetric selection() {
        return selection;
    }

    public TrainedBinaryModel train(BinaryDataset data) {
        int positives = data.positives();
        if (positives == 0 || positives == data.positive().length) {
            throw new IllegalArgumentException("the target has a single class (" + positives + " positives in "
                    + data.positive().length + " rows): there is nothing to learn");
        }
        int[] fold = StratifiedKFold.assign(data.positive(), folds, seed);
        List<CvResult> results = new ArrayList<>();
        List<double[]> outOfFold = new ArrayList<>();
        for (Candidate<Label> candidate : candidates) {
            long started = System.nanoTime();
            List<CvResult.Fold> scores = new ArrayList<>();
            double[] oof = new double[fold.length];
            for (int f = 0; f < folds; f++) {
                scores.add(evaluateFold(candidate, data, fold, f, oof));
            }
            outOfFold.add(oof);
            CvResult result = new CvResult(candidate.name(), candidate.description(), scores);
            progress.accept(String.format("  %-26s ROC AUC %.4f ± %.4f   AP %.4f ± %.4f   (%.1f s)", candidate.name(),
                    result.meanRocAuc(), result.stdRocAuc(), result.meanAveragePrecision(), result.stdAveragePrecision(),
                    (System.nanoTime() - started) / 1e9));
            results.add(result);
        }
        // Ties go to the earlier (simpler) candidate.
        CvResult best = results.stream().max(Comparator.comparingDouble(selection::of)).orElseThrow();
        Candidate<Label> chosen = candidates.stream().filter(c -> c.name().equals(best.candidate())).findFirst().orElseThrow();

        FeatureSpec spec = new FeatureSpecFitter().fit(data.fields(), data.rows());
        Model<Label> model = fit(chosen, spec, data.rows(), data.positive());
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, modelColumns(model));
        double[] trainScores = score(model, spec, data.rows());
        return new TrainedBinaryModel(data, best, results, spec, model, vectorizer, trainScores,
                outOfFold.get(candidates.indexOf(chosen)));
    }

    /** A model fitted on every row, with the specification it was fitted with. */
    public record Fitted(FeatureSpec spec, Model<Label> model) {
    }

    /** Fits one named candidate on all rows, without cross-validation. */
    public Fitted fitAll(String candidateName, BinaryDataset data) {
        Candidate<Label> candidate = candidates.stream().filter(c -> c.name().equals(candidateName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no candidate named " + candidateName));
        FeatureSpec spec = new FeatureSpecFitter().fit(data.fields(), data.rows());
        return new Fitted(spec, fit(candidate, spec, data.rows(), data.positive()));
    }

    /** Trains on every fold but {@code f}, scores fold {@code f} into {@code outOfFold}. */
    private CvResult.Fold evaluateFold(Candidate<Label> candidate, BinaryDataset data, int[] fold, int f, double[] outOfFold) {
        List<FeatureSource> train = new ArrayList<>();
        List<FeatureSource> test = new ArrayList<>();
        List<Boolean> trainY = new ArrayList<>();
        List<Boolean> testY = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
            boolean held = fold[i] == f;
            (held ? test : train).add(data.rows().get(i));
            (held ? testY : trainY).add(data.positive()[i]);
        }
        FeatureSpec spec = new FeatureSpecFitter().fit(data.fields(), train);
        Model<Label> model = fit(candidate, spec, train, toArray(trainY));
        double[] scores = score(model, spec, test);
        for (int i = 0, t = 0; i < fold.length; i++) {
            if (fold[i] == f) {
                outOfFold[i] = scores[t++];
            }
        }
        boolean[] y = toArray(testY);
        return new CvResult.Fold(BinaryMetrics.rocAuc(y, scores), BinaryMetrics.averagePrecision(y, scores),
                BinaryMetrics.liftAt(y, scores, 0.1));
    }

    private Model<Label> fit(Candidate<Label> candidate, FeatureSpec spec, List<? extends FeatureSource> rows, boolean[] positive) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("crm-scoring rows", LABELS), LABELS);
        List<Example<Label>> examples = examples(spec, rows, positive);
        dataset.addAll(examples);
        return candidate.trainer().apply(seed).train(dataset);
    }

    /** The positive-class probability of every row. */
    public static double[] score(Model<Label> model, FeatureSpec spec, List<? extends FeatureSource> rows) {
        List<Example<Label>> examples = examples(spec, rows, null);
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] out = new double[predictions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).getOutputScores().get(POSITIVE).getScore();
        }
        return out;
    }

    /** The model's input columns in input order: Tribuo's feature ids, which sort by name. */
    public static List<String> modelColumns(Model<?> model) {
        ImmutableFeatureMap map = model.getFeatureIDMap();
        List<String> columns = new ArrayList<>(map.size());
        for (int id = 0; id < map.size(); id++) {
            columns.add(map.get(id).getName());
        }
        return columns;
    }

    private static List<Example<Label>> examples(FeatureSpec spec, List<? extends FeatureSource> rows, boolean[] positive) {
        List<String> columns = spec.columns();
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        String[] names = columns.toArray(String[]::new);
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        float[] vector = new float[columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            vectorizer.encodeInto(rows.get(i), vector, 0);
            double[] values = new double[vector.length];
            for (int j = 0; j < vector.length; j++) {
                values[j] = vector[j];
            }
            Label label = positive == null ? LabelFactory.UNKNOWN_LABEL : new Label(positive[i] ? POSITIVE : NEGATIVE);
            examples.add(new ArrayExample<>(label, names, values));
        }
        return examples;
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
