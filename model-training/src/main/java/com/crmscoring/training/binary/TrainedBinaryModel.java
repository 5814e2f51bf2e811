package com.crmscoring.training.binary;

import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureVectorizer;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The chosen candidate refitted on all rows, with the evidence that chose it.
 *
 * @param vectorizer   encodes rows in the Tribuo model's own input order
 * @param cv           every candidate's cross-validated results, the chosen one included
 * @param trainScores  the final model's positive-class probability for every training row
 * @param outOfFoldScores the chosen candidate's cross-validated score of every row, from the
 *                     fold that held it out: what curves and calibration are drawn from
 */
public record TrainedBinaryModel(BinaryDataset data, CvResult chosen, List<CvResult> cv, FeatureSpec spec,
                                 Model<Label> model, FeatureVectorizer vectorizer, double[] trainScores,
                                 double[] outOfFoldScores) {
}
