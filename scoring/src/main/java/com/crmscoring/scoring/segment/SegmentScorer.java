package com.crmscoring.scoring.segment;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.shadow.Shadow;
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
 * Segment (nearest K-Means centroid, from the model's squared distances) and life-cycle stage (the
 * rules shipped in the same model's metadata) of a customer.
 */
public final class SegmentScorer extends PersonalScorer<SegmentScore> {

    private final LifecycleRules lifecycle;

    public SegmentScorer(CustomerFeatureReader features, OnnxModel model, ScoreMetrics metrics) {
        super(features, model, metrics, ScoreMetrics.NO_BUCKETS);
        ModelMetadata m = model.metadata();
        if (m.segments().size() != m.outputLabels().size() || m.segments().isEmpty() || m.lifecycle() == null) {
            throw new ModelLoadException("model " + m.name() + " " + m.version() + " is not a segment model with life-cycle rules");
        }
        this.lifecycle = m.lifecycle();
    }

    @Override
    protected List<SegmentScore> scoreProfiled(List<CustomerFeatures> customers) {
        ModelMetadata m = metadata();
        // Prospects have no purchases to place in a segment; the rest are vectorized once, into one
        // batch, keeping which attributes were defaulted.
        List<CustomerFeatures> placed = customers.stream().filter(c -> !isProspect(c.attributes())).toList();
        List<List<String>> defaulted = new ArrayList<>(placed.size());
        float[] rows = model.batch(placed.stream().map(CustomerFeatures::attributes).toList(), defaulted);
        float[][] distances = placed.isEmpty() ? new float[0][] : model.outputs(rows, placed.size());
        List<SegmentScore> out = new ArrayList<>(customers.size());
        int next = 0;
        for (CustomerFeatures c : customers) {
            FeatureSource a = c.attributes();
            if (isProspect(a)) {
                out.add(new SegmentScore(c.customerId(), ScoreStatus.SCORED, null, null, null, LifecycleStage.ACQUISITION.name(),
                        List.of(), m.name(), m.version(), asOf(c)));
                count(Double.NaN, List.of("Stage." + LifecycleStage.ACQUISITION.name()), List.of());
                continue;
            }
            float[] d = distances[next];
            int nearest = 0;
            Map<String, Double> byName = new LinkedHashMap<>();
            for (int k = 0; k < d.length; k++) {
                if (d[k] < d[nearest]) {
                    nearest = k;
                }
                byName.put(m.segments().get(k).name(), Math.round(d[k] * 1e4) / 1e4);
            }
            LifecycleStage stage = lifecycle.classify(number(a.value("recencyDays")), number(a.value("tenureDays")),
                    number(a.value("spendTrend90")));
            // Segment ids, not names: names are free text of the model, ids a small fixed set.
            count(Double.NaN, List.of("Segment." + m.segments().get(nearest).id(), "Stage." + stage.name()), defaulted.get(next));
            out.add(new SegmentScore(c.customerId(), ScoreStatus.SCORED, m.segments().get(nearest).id(),
                    m.segments().get(nearest).name(), byName, stage.name(), defaulted.get(next), m.name(), m.version(), asOf(c)));
            next++;
        }
        return out;
    }

    /** The same segment; segments have no score to subtract. */
    @Override
    protected Shadow.Agreement agreement(SegmentScore live, SegmentScore challenger) {
        return new Shadow.Agreement(java.util.Objects.equals(live.segmentId(), challenger.segmentId()), Double.NaN);
    }

    @Override
    protected SegmentScore optedOut(CustomerFeatures c) {
        return new SegmentScore(c.customerId(), ScoreStatus.OPTED_OUT, null, null, null, null, null, metadata().name(),
                metadata().version(), asOf(c));
    }

    /** A prospect (no purchase yet) is placed in no segment. */
    @Override
    public FeatureSource modelInput(CustomerFeatures customer) {
        return isProspect(customer.attributes()) ? null : customer.attributes();
    }

    private static boolean isProspect(FeatureSource a) {
        return number(a.value("ordersTotal")) == 0 || Double.isNaN(number(a.value("recencyDays")));
    }

    private static double number(Object raw) {
        return raw instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
