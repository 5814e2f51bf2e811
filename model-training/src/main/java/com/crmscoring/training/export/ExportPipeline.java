package com.crmscoring.training.export;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.shared.model.DriftReference;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.shared.model.ScoringException;
import com.crmscoring.training.card.ModelCard;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one way a trained model becomes a file scoring can use: metadata attached, loaded by the
 * scorers' own {@link OnnxModel}, held to its reference in its natural domain with a tolerance
 * derived from float32 arithmetic ({@link ParityTolerance}) and on the decisions users see, and
 * given its card. Every model goes through here; a recipe only supplies the {@link ModelExport}.
 */
public final class ExportPipeline {

    /** Every model's graph domain, for ONNX's producer fields. */
    public static final String DOMAIN = "com.crmscoring";

    /**
     * @throws ParityException when the scorers could not load the model, or it does not score as
     *                         its reference does
     */
    public ExportedModel export(ModelExport recipe) {
        // The training population's distributions go into the file, scored by the graph itself
        // through the scorers' OnnxModel: the reference the drift job compares customers with.
        ModelMetadata metadata = recipe.metadata().withDrift(driftReference(withMetadata(recipe.graph(), recipe.metadata()), recipe));
        byte[] onnx = withMetadata(recipe.graph(), metadata);
        ParityResult parity = parity(onnx, recipe);
        return new ExportedModel(onnx, metadata, parity, ModelCard.of(metadata, recipe.card(), parity));
    }

    private static byte[] withMetadata(OnnxMl.ModelProto graph, ModelMetadata metadata) {
        // Tribuo writes its provenance (training time, JVM, OS) into the doc string and a metadata
        // entry: both dropped so that the same data and seed give the same bytes. Our metadata
        // names the algorithm, its hyper-parameters and the data fingerprint instead.
        return graph.toBuilder()
                .clearDocString()
                .clearMetadataProps()
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(ModelMetadata.KEY).setValue(metadata.toJson()))
                .build()
                .toByteArray();
    }

    /** The attributes and scores of the recipe's rows (the training rows, as the model reads them), in quantile bins. */
    private static DriftReference driftReference(byte[] onnx, ModelExport recipe) {
        String name = recipe.metadata().name();
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), name, onnx)) {
            int n = recipe.rows().size();
            return DriftReference.of(model.metadata(), recipe.rows(), DriftReference.scores(model, model.batch(recipe.rows()), n));
        } catch (ModelLoadException | ScoringException e) {
            throw new ParityException(name + ": the scorers cannot use the exported model: " + e.getMessage(), e);
        }
    }

    private static ParityResult parity(byte[] onnx, ModelExport recipe) {
        String name = recipe.metadata().name();
        int n = recipe.rows().size();
        ParityReference reference = recipe.reference();
        if (reference.expected().length != n) {
            throw new IllegalArgumentException(name + ": " + n + " parity rows but " + reference.expected().length + " reference values");
        }
        float[][] outputs;
        ModelMetadata loaded;
        float[] rows;
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), name, onnx)) {
            loaded = model.metadata();
            rows = model.batch(recipe.rows());
            // The graph itself through ONNX Runtime: it is what is compared with the trainer below.
            float[] flat = model.graphOutputs(rows, n);
            int columns = flat.length / n;
            outputs = new float[n][];
            for (int i = 0; i < n; i++) {
                outputs[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
            }
            // And the parameter tables the scorers compute from must give the graph's output on every parity row.
            try {
                model.checkTables(rows, n);
            } catch (ScoringException e) {
                throw new ParityException(name + ": " + e.getMessage(), e);
            }
        } catch (ModelLoadException | ScoringException e) {
            throw new ParityException(name + ": the scorers cannot use the exported model: " + e.getMessage(), e);
        }
        UserDecision decision = recipe.decision();
        double maxDifference = 0;
        double margin = 0;
        int worstRow = -1;
        double[] tolerances = new double[n * reference.expected()[0].length];
        int t = 0;
        int compared = 0;
        int borderline = 0;
        int mismatches = 0;
        String firstMismatch = null;
        for (int i = 0; i < n; i++) {
            double[] ours = recipe.domain().of(outputs[i], loaded);
            double[] expected = reference.expected()[i];
            if (ours.length != expected.length) {
                throw new ParityException(name + ": ONNX Runtime gives " + ours.length + " values per row, the reference "
                        + expected.length);
            }
            double[] tolerance = new double[ours.length];
            for (int k = 0; k < ours.length; k++) {
                tolerance[k] = ParityTolerance.of(reference.accumulation()[i][k], expected[k], reference.float32());
                tolerances[t++] = tolerance[k];
                double difference = Math.abs(ours[k] - expected[k]);
                // NaN on either side is a mismatch, never a pass.
                double ratio = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / tolerance[k];
                maxDifference = Math.max(maxDifference, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference);
                if (ratio > margin) {
                    margin = ratio;
                    worstRow = i;
                }
            }
            if (decision != null) {
                if (decision.borderline(expected, tolerance)) {
                    borderline++;
                } else {
                    compared++;
                    String want = decision.decide(expected);
                    String got = decision.decide(ours);
                    if (!want.equals(got)) {
                        mismatches++;
                        if (firstMismatch == null) {
                            firstMismatch = "row " + i + ": " + got + " instead of " + want;
                        }
                    }
                }
            }
        }
        Arrays.sort(tolerances, 0, t);
        ParityResult result = new ParityResult(n, recipe.domain().label(), reference.implementation(), maxDifference, margin,
                t == 0 ? 0 : tolerances[t / 2], decision == null ? null : decision.name(), compared, borderline, mismatches);
        if (margin > 1) {
            throw new ParityException(String.format(Locale.ROOT, "%s: ONNX Runtime and %s differ by %.3g times the float32"
                    + " tolerance on row %d (largest difference %.3e, compared as %s)", name, reference.implementation(), margin,
                    worstRow, maxDifference, recipe.domain().label()));
        }
        if (mismatches > 0) {
            throw new ParityException(name + ": " + mismatches + " rows get another " + decision.name() + " from ONNX Runtime than from "
                    + reference.implementation() + " (first: " + firstMismatch + ")");
        }
        return result;
    }
}
