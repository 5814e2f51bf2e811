package com.crmscoring.training.card;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.training.binary.CvResult;
import com.crmscoring.training.binary.OnnxBinaryExporter;
import com.crmscoring.training.binary.SelectionMetric;
import com.crmscoring.training.binary.TrainedBinaryModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the card of a binary model from its training evidence. */
public final class BinaryModelCards {

    private BinaryModelCards() {
    }

    public static ModelCard card(TrainedBinaryModel trained, OnnxBinaryExporter.Exported exported, String target,
                                 int folds, SelectionMetric selection, Map<String, Double> extra,
                                 List<ModelCard.Reference> references, long seed, List<String> limitations) {
        Map<String, Double> measured = new LinkedHashMap<>(extra);
        measured.put("parity: rows scored by Tribuo and ONNX Runtime", (double) exported.parityRows());
        measured.put("parity: largest probability difference", exported.maxParityDifference());
        return new ModelCard(exported.metadata().name(), exported.metadata().version(), exported.metadata().task(), target,
                trained.data().trainedOn(), trained.data().positive().length, trained.data().positives(),
                trained.data().fields().stream().map(FeatureField::name).toList(), trained.vectorizer().width(),
                trained.chosen().candidate(),
                folds + "-fold stratified cross-validation (seeded shuffle); feature statistics refitted on each training fold;"
                        + " metrics are the mean ± standard deviation over folds; chosen by mean " + selection.label(),
                trained.cv().stream().map(BinaryModelCards::result).toList(), measured, exported.metadata().thresholds(),
                references, exported.metadata().dataFingerprint(), seed, limitations);
    }

    private static ModelCard.CandidateResult result(CvResult r) {
        return new ModelCard.CandidateResult(r.candidate(), r.description(), r.meanRocAuc(), r.stdRocAuc(),
                r.meanAveragePrecision(), r.stdAveragePrecision(), r.meanLiftAt10());
    }
}
