package com.crmscoring.scoring.segment;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.lifecycle.LifecycleRules;
import com.crmscoring.shared.lifecycle.LifecycleStage;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment (nearest K-Means centroid, from the ONNX model's distances) and life-cycle stage (the
 * rules shipped in the same model's metadata) of a customer.
 */
public final class SegmentScorer {

    private final ProfileLookup lookup;
    private final OnnxModel model;
    private final LifecycleRules lifecycle;

    public SegmentScorer(ProfileLookup lookup, OnnxModel model) {
        ModelMetadata m = model.metadata();
        if (m.segments().size() != m.outputLabels().size() || m.segments().isEmpty() || m.lifecycle() == null) {
            throw new ModelLoadException("model " + m.name() + " " + m.version() + " is not a segment model with life-cycle rules");
        }
        this.lookup = lookup;
        this.model = model;
        this.lifecycle = m.lifecycle();
    }

    public SegmentScore score(String customerId, String asOf) {
        return scoreAll(List.of(lookup.require(customerId, asOf))).get(0);
    }

    public List<SegmentScore> scoreAll(List<StoredProfile> profiles) {
        ModelMetadata m = model.metadata();
        List<StoredProfile> placed = profiles.stream().filter(p -> !p.profilingOptOut() && !isProspect(p.attributes())).toList();
        float[][] distances = placed.isEmpty() ? new float[0][] : model.outputs(model.batch(placed.stream()
                .map(StoredProfile::attributes).toList()), placed.size());
        List<SegmentScore> out = new ArrayList<>(profiles.size());
        int next = 0;
        for (StoredProfile p : profiles) {
            String asOf = p.asOf() == null ? null : p.asOf().toString();
            if (p.profilingOptOut()) {
                out.add(new SegmentScore(p.customerId(), ChurnScore.OPTED_OUT, null, null, null, null, null, m.name(), m.version(), asOf));
                continue;
            }
            FeatureSource a = p.attributes();
            if (isProspect(a)) {
                out.add(new SegmentScore(p.customerId(), ChurnScore.SCORED, null, null, null, LifecycleStage.ACQUISITION.name(),
                        List.of(), m.name(), m.version(), asOf));
                continue;
            }
            float[] d = distances[next++];
            int nearest = 0;
            Map<String, Double> byName = new LinkedHashMap<>();
            for (int c = 0; c < d.length; c++) {
                if (d[c] < d[nearest]) {
                    nearest = c;
                }
                byName.put(m.segments().get(c).name(), Math.round(d[c] * 1e4) / 1e4);
            }
            LifecycleStage stage = lifecycle.classify(number(a.value("recencyDays")), number(a.value("tenureDays")),
                    number(a.value("spendTrend90")));
            List<String> defaulted = model.vectorizer().encodeInto(a, new float[model.vectorizer().width()], 0);
            out.add(new SegmentScore(p.customerId(), ChurnScore.SCORED, m.segments().get(nearest).id(),
                    m.segments().get(nearest).name(), byName, stage.name(), defaulted, m.name(), m.version(), asOf));
        }
        return out;
    }

    private static boolean isProspect(FeatureSource a) {
        return number(a.value("ordersTotal")) == 0 || Double.isNaN(number(a.value("recencyDays")));
    }

    private static double number(Object raw) {
        return raw instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
