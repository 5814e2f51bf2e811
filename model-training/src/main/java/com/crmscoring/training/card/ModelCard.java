package com.crmscoring.training.card;

import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.training.export.ParityResult;
import java.util.List;
import java.util.Map;

/**
 * What a model is, what it was trained on, how well it does, how faithfully its ONNX export
 * scores and where it is weak: one type for every model, written next to it as JSON and as a
 * readable page. Name, version, algorithm, features, metrics and thresholds are read off the
 * metadata the model file carries, so the card cannot disagree with the model.
 *
 * @param target        what the model predicts, in words
 * @param rows          rows the final model was fitted on
 * @param chosen        the candidate that was chosen
 * @param evaluation    how the metrics were measured, from the parameters that ran
 * @param candidates    every candidate tried, with its measured figures
 * @param references    our figures next to published ones, measured the same way
 * @param tables        model-specific evidence (segments, stages, out-of-time results)
 * @param dataDecisions what was inferred about the data, excluded or normalised, and why
 * @param parity        what the parity check against the reference showed
 */
public record ModelCard(
        String name,
        String version,
        String task,
        String target,
        String algorithm,
        String trainedOn,
        int rows,
        List<String> features,
        int inputWidth,
        String chosen,
        String evaluation,
        List<CandidateResult> candidates,
        Map<String, Double> metrics,
        Map<String, Double> thresholds,
        List<Reference> references,
        List<Table> tables,
        List<String> dataDecisions,
        ParityResult parity,
        String dataFingerprint,
        long seed,
        List<String> limitations) {

    /** A candidate and its measured figures (means over folds unless named otherwise). */
    public record CandidateResult(String name, String description, Map<String, Double> metrics) {
    }

    /** Our figure next to a published one, measured the same way. */
    public record Reference(String dataset, String metric, double ours, String published, String source) {
    }

    /** A titled table of evidence. */
    public record Table(String title, List<String> header, List<List<String>> rows) {
    }

    /** The part of a card that only the training recipe knows. */
    public record Content(String target, int rows, String chosen, String evaluation, List<CandidateResult> candidates,
                          List<Reference> references, List<Table> tables, List<String> dataDecisions, long seed,
                          List<String> limitations) {

        public Content {
            candidates = List.copyOf(candidates);
            references = List.copyOf(references);
            tables = List.copyOf(tables);
            dataDecisions = List.copyOf(dataDecisions);
            limitations = List.copyOf(limitations);
        }

        /** The same content with one more published reference. */
        public Content withReference(Reference reference) {
            List<Reference> more = new java.util.ArrayList<>(references);
            more.add(reference);
            return new Content(target, rows, chosen, evaluation, candidates, more, tables, dataDecisions, seed, limitations);
        }
    }

    public static ModelCard of(ModelMetadata m, Content c, ParityResult parity) {
        return new ModelCard(m.name(), m.version(), m.task(), c.target(), m.algorithm(), m.trainedOn(), c.rows(),
                m.featureSpec().features().stream().map(f -> f.name()).toList(), m.inputColumns().size(), c.chosen(),
                c.evaluation(), c.candidates(), m.metrics(), m.thresholds(), c.references(), c.tables(), c.dataDecisions(),
                parity, m.dataFingerprint(), c.seed(), c.limitations());
    }

    /** The chosen candidate's figures. */
    public CandidateResult chosenResult() {
        return candidates.stream().filter(r -> r.name().equals(chosen)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the chosen candidate " + chosen + " is not among the candidates"));
    }
}
