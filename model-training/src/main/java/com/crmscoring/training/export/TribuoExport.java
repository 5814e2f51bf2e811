package com.crmscoring.training.export;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.LinearParameters;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.training.binary.XGBoostOnnx;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractFMModel;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The Tribuo side of the export: the ONNX graph of a Tribuo model (Tribuo's own export where it has
 * one, {@link XGBoostOnnx} for XGBoost), and the model's own predictions with their float32 error
 * bounds as the parity reference. Each bound is built from the model's parameters for the row at
 * hand (see {@link ParityTolerance}).
 */
public final class TribuoExport {

    private TribuoExport() {
    }

    /** The graph of a classifier: its output columns are Tribuo's output ids. */
    public static OnnxMl.ModelProto classifierGraph(Model<Label> model, int width) {
        if (model instanceof XGBoostModel<?> boosted) {
            return XGBoostOnnx.export(boosted, width, model.getOutputIDInfo().size(), ExportPipeline.DOMAIN);
        }
        return exportable(model).exportONNXModel(ExportPipeline.DOMAIN, 1);
    }

    /** The graph of a single-output regressor; {@code logLink} for XGBoost's Tweedie and gamma losses. */
    public static OnnxMl.ModelProto regressorGraph(Model<Regressor> model, int width, boolean logLink) {
        if (model instanceof XGBoostModel<?> boosted) {
            return logLink ? XGBoostOnnx.exportLogLinkRegressor(boosted, width, ExportPipeline.DOMAIN)
                    : XGBoostOnnx.exportRegressor(boosted, width, ExportPipeline.DOMAIN);
        }
        return exportable(model).exportONNXModel(ExportPipeline.DOMAIN, 1);
    }

    private static ONNXExportable exportable(Model<?> model) {
        if (model instanceof ONNXExportable exportable) {
            return exportable;
        }
        throw new IllegalArgumentException(model.getClass().getSimpleName() + " cannot be exported to ONNX");
    }

    /**
     * The parameters of a linear model as its graph holds them, for the metadata (reasons from the
     * weights, see {@link LinearParameters}); null for every other family. A classifier qualifies
     * when it outputs probabilities (Tribuo's graph is then the softmax of the margins), a
     * regressor when its output is the margin itself ({@code logLink} false).
     *
     * @param width the model's input width (Tribuo's weight rows end with the bias after it)
     */
    public static LinearParameters linearParameters(Model<?> model, int width, boolean logLink) {
        if (!(model instanceof AbstractLinearSGDModel<?> linear) || logLink) {
            return null;
        }
        boolean classifier = model.getOutputIDInfo().getOutput(0) instanceof Label;
        if (classifier && !model.generatesProbabilities()) {
            return null;
        }
        DenseMatrix w = linear.getWeightsCopy();
        List<List<Double>> rows = new ArrayList<>();
        List<Double> intercepts = new ArrayList<>();
        for (int k = 0; k < w.getDimension1Size(); k++) {
            List<Double> row = new ArrayList<>(width);
            for (int j = 0; j < width; j++) {
                row.add(w.get(k, j));
            }
            rows.add(row);
            intercepts.add(w.getDimension2Size() > width ? w.get(k, width) : 0.0);
        }
        return new LinearParameters(classifier ? LinearParameters.SOFTMAX : LinearParameters.IDENTITY, rows, intercepts);
    }

    /** The labels of a classifier's output columns, in output-id order. */
    public static List<String> outputLabels(Model<Label> model) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < model.getOutputIDInfo().size(); i++) {
            labels.add(model.getOutputIDInfo().getOutput(i).getLabel());
        }
        return labels;
    }

    /**
     * Tribuo's class probabilities for every row, carried into {@code domain}, with bounds: a
     * log-odds or log-ratio is a difference of two margins, so its bound is the sum of both.
     *
     * @param columns the model's input columns (Tribuo's feature id order)
     * @param labels  the output columns' labels, as the metadata lists them
     */
    public static ParityReference classifier(Model<Label> model, FeatureSpec spec, List<String> columns,
                                             List<? extends FeatureSource> rows, List<String> labels, String positiveLabel,
                                             NaturalDomain domain) {
        List<Prediction<Label>> predictions = predict(model, spec, rows, LabelFactory.UNKNOWN_LABEL);
        Magnitudes magnitudes = Magnitudes.of(model, columns.size(), labels.size());
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        int positive = positiveLabel == null ? -1 : labels.indexOf(positiveLabel);
        double[][] expected = new double[rows.size()][];
        double[][] bounds = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            double[] p = new double[labels.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = predictions.get(i).getOutputScores().get(labels.get(k)).getScore();
            }
            double[] s = magnitudes.of(vectorizer.vectorize(rows.get(i)));
            expected[i] = domain == NaturalDomain.LOG_ODDS ? logOdds(p, positive) : domain.of(p, null);
            bounds[i] = new double[expected[i].length];
            for (int k = 0; k < bounds[i].length; k++) {
                double pair = domain == NaturalDomain.LOG_ODDS ? s[positive] + s[1 - positive] : s[k] + s[0];
                bounds[i][k] = ParityTolerance.sum(magnitudes.terms(), pair);
            }
        }
        return new ParityReference("Tribuo (" + model.getClass().getSimpleName() + ")", expected, bounds,
                model instanceof XGBoostModel<?>);
    }

    private static double[] logOdds(double[] p, int positive) {
        return new double[] {Math.log(p[positive]) - Math.log(p[1 - positive])};
    }

    /** Tribuo's prediction of every row, in {@code domain} (LOG for a log-link regression, else IDENTITY). */
    public static ParityReference regressor(Model<Regressor> model, FeatureSpec spec, List<String> columns,
                                            List<? extends FeatureSource> rows, NaturalDomain domain) {
        List<Prediction<Regressor>> predictions = predict(model, spec, rows, RegressionFactory.UNKNOWN_REGRESSOR);
        Magnitudes magnitudes = Magnitudes.of(model, columns.size(), 1);
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        double[][] expected = new double[rows.size()][];
        double[][] bounds = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            expected[i] = domain.of(new double[] {predictions.get(i).getOutput().getValues()[0]}, null);
            bounds[i] = new double[] {ParityTolerance.sum(magnitudes.terms(), magnitudes.of(vectorizer.vectorize(rows.get(i)))[0])};
        }
        return new ParityReference("Tribuo (" + model.getClass().getSimpleName() + ")", expected, bounds,
                model instanceof XGBoostModel<?>);
    }

    /** Predictions for raw rows, encoded by the specification's own column order as training does. */
    public static <T extends Output<T>> List<Prediction<T>> predict(Model<T> model, FeatureSpec spec,
                                                                   List<? extends FeatureSource> rows, T unknown) {
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, spec.columns());
        String[] names = spec.columns().toArray(String[]::new);
        List<Example<T>> examples = new ArrayList<>(rows.size());
        for (FeatureSource row : rows) {
            float[] v = vectorizer.vectorize(row);
            double[] values = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                values[j] = v[j];
            }
            examples.add(new ArrayExample<>(unknown, names, values));
        }
        return model.predict(examples);
    }

    /** Per output column, the sum of absolute terms of its margin for one row, and the sum's length. */
    private interface Magnitudes {
        double[] of(float[] x);

        long terms();

        static Magnitudes of(Model<?> model, int width, int outputs) {
            if (model instanceof XGBoostModel<?> boosted) {
                XGBoostOnnx.LeafMagnitudes trees = XGBoostOnnx.leafMagnitudes(boosted, outputs);
                return new Magnitudes() {
                    public double[] of(float[] x) {
                        return trees.of(x);
                    }

                    public long terms() {
                        return trees.treesPerClass() + 1L;
                    }
                };
            }
            if (model instanceof AbstractLinearSGDModel<?> linear) {
                // Rows are outputs; columns the features, then the bias.
                DenseMatrix w = linear.getWeightsCopy();
                return new Magnitudes() {
                    public double[] of(float[] x) {
                        double[] s = new double[w.getDimension1Size()];
                        for (int k = 0; k < s.length; k++) {
                            s[k] = w.getDimension2Size() > width ? Math.abs(w.get(k, width)) : 0;
                            for (int j = 0; j < width; j++) {
                                s[k] += Math.abs(w.get(k, j) * x[j]);
                            }
                        }
                        return s;
                    }

                    public long terms() {
                        return width + 1L;
                    }
                };
            }
            if (model instanceof AbstractFMModel<?> fm) {
                DenseMatrix w = fm.getLinearWeightsCopy();
                DenseVector b = fm.getBiasesCopy();
                Tensor[] factors = fm.getFactorsCopy();
                int factorCount = factors.length == 0 ? 0 : ((DenseMatrix) factors[0]).getDimension1Size();
                return new Magnitudes() {
                    // Linear part, plus each factor's (Σ|v·x|)² and Σ(v·x)²: the two sums whose
                    // difference the graph takes, so their sizes bound its rounding.
                    public double[] of(float[] x) {
                        double[] s = new double[b.size()];
                        for (int k = 0; k < s.length; k++) {
                            s[k] = Math.abs(b.get(k));
                            for (int j = 0; j < width; j++) {
                                s[k] += Math.abs(w.get(k, j) * x[j]);
                            }
                            DenseMatrix v = (DenseMatrix) factors[k];
                            for (int f = 0; f < v.getDimension1Size(); f++) {
                                double sum = 0;
                                double squares = 0;
                                for (int j = 0; j < width; j++) {
                                    double t = v.get(f, j) * x[j];
                                    sum += Math.abs(t);
                                    squares += t * t;
                                }
                                s[k] += sum * sum + squares;
                            }
                        }
                        return s;
                    }

                    public long terms() {
                        return width + factorCount + 2L;
                    }
                };
            }
            throw new IllegalArgumentException("no float32 error bound is known for " + model.getClass().getSimpleName());
        }
    }
}
