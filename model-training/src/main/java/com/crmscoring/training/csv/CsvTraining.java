package com.crmscoring.training.csv;

import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.CvResult;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/** Trains a binary model from any CSV: the path for a shop's own data. */
public final class CsvTraining {

    /** The outcome and the column decisions that were reported. */
    public record Result(BinaryPipeline.Outcome outcome, List<ColumnInference.Decision> decisions) {
    }

    private final BinaryPipeline pipeline;
    private final Consumer<String> progress;

    public CsvTraining(BinaryPipeline pipeline, Consumer<String> progress) {
        this.pipeline = pipeline;
        this.progress = progress;
    }

    /**
     * @param references published figures for the chosen candidate's cross-validated result, if any
     */
    public Result train(String name, Path file, String target, String positiveValue, Set<String> exclude, Set<String> include,
                        Function<CvResult, List<ModelCard.Reference>> references) throws IOException {
        CsvTable table = CsvTable.read(file);
        String parameters = "target=" + target + ";positive=" + positiveValue + ";exclude=" + new TreeSet<>(exclude)
                + ";include=" + new TreeSet<>(include);
        CsvBinaryData.Prepared prepared = CsvBinaryData.prepare(table, target, positiveValue, exclude, include,
                Fingerprint.of(file, parameters));
        progress.accept(String.format("%s: %,d rows, %d columns; target %s = %s in %.1f %% of rows", name,
                table.rows().size(), table.header().size(), target, positiveValue,
                100.0 * prepared.dataset().positives() / table.rows().size()));
        for (ColumnInference.Decision d : prepared.decisions()) {
            progress.accept(String.format("  %-20s %-12s %s", d.column(), d.kind(), d.reason()));
        }
        prepared.targetNotes().forEach(progress);
        List<String> dataDecisions = new java.util.ArrayList<>(prepared.targetNotes());
        prepared.decisions().forEach(d -> dataDecisions.add(d.column() + ": " + d.kind() + " (" + d.reason() + ")"));
        BinaryPipeline.Outcome outcome = pipeline.run(name, prepared.dataset(), new BinaryPipeline.Notes(
                target + " = " + positiveValue, references, dataDecisions,
                List.of("Column types are inferred (see the decisions above); numbers are used as they are, without transforms.",
                        "Families tried: logistic regression, factorization machines and gradient-boosted trees (XGBoost),"
                                + " the ones this project exports to ONNX with proven parity.")));
        return new Result(outcome, prepared.decisions());
    }
}
