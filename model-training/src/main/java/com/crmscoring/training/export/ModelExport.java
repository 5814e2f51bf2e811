package com.crmscoring.training.export;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.training.card.ModelCard;
import java.util.List;

/**
 * What a training recipe hands the {@link ExportPipeline}: the graph, its metadata, how to prove
 * that the graph scores as the trained model does, and what only the recipe knows for its card.
 *
 * @param rows      raw rows to score on both sides; the pipeline encodes them with the
 *                  vectorizer the metadata describes, exactly as the scorers will
 * @param domain    where outputs are compared
 * @param reference the trained model's (or an exact computation's) values for {@code rows}
 * @param decision  the user-visible decision to compare, or null for a continuous forecast
 */
public record ModelExport(ModelMetadata metadata, OnnxMl.ModelProto graph, List<? extends FeatureSource> rows,
                          NaturalDomain domain, ParityReference reference, UserDecision decision, ModelCard.Content card) {
}
