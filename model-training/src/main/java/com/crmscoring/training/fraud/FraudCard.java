package com.crmscoring.training.fraud;

import com.crmscoring.shared.model.ModelMetadata;
import java.util.Locale;

/** The anomaly model's card as a readable page. */
final class FraudCard {

    private FraudCard() {
    }

    static String markdown(OrderAnomalyTraining.Result r) {
        ModelMetadata m = r.metadata();
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(m.name()).append(' ').append(m.version()).append("\n\n| | |\n|---|---|\n");
        md.append("| Task | unsupervised fraud screening of an order (higher score = more unusual) |\n");
        md.append("| Algorithm | ").append(m.algorithm()).append(" |\n");
        md.append("| Trained on | ").append(m.trainedOn()).append(" |\n");
        md.append("| Features | ").append(String.join(", ", m.featureSpec().features().stream().map(f -> f.name()).toList())).append(" |\n");
        md.append(String.format(Locale.ROOT, "| Support vectors | %d |%n", r.supportVectors()));
        md.append(String.format(Locale.ROOT, "| Parity | largest relative difference, exact decision values vs ONNX Runtime, over %,d orders: %.2e |%n",
                r.orders(), r.maxDifference()));
        md.append("| Data fingerprint | `").append(m.dataFingerprint()).append("` |\n");
        md.append(String.format(Locale.ROOT, "%n## Thresholds (stated alert rates)%n%n| decision | score above | share of all orders |%n|---|---|---|%n"
                        + "| review | %.4f | %.1f %% |%n| decline | %.4f | %.1f %% |%n",
                m.thresholds().get("anomaly.review"), 100 * OrderAnomalyTraining.REVIEW_RATE,
                m.thresholds().get("anomaly.decline"), 100 * OrderAnomalyTraining.DECLINE_RATE));
        md.append(String.format(Locale.ROOT, "%nOn the %,d orders the SVM did not train on, %.2f %% cross the review threshold"
                + " (the rate it was set for is %.1f %%).%n", r.orders() - r.trainedOn(), 100 * r.heldOutReviewRate(),
                100 * OrderAnomalyTraining.REVIEW_RATE));
        md.append("\n## Synthetic check (no fraud labels exist for this shop)\n\n300 real held-out orders, each made suspicious"
                + " in one way; the share that crosses the review threshold:\n\n| variant | recall at review |\n|---|---|\n");
        r.syntheticRecall().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", k, 100 * v)));
        md.append("\n## Limitations\n\n- There are no fraud labels in the shop data: the model finds unusual orders, and"
                + " unusual is not the same as fraudulent. Review queues must be read by people.\n"
                + "- Shops with labels should use the supervised path (`fraud-supervised`, proven on the card-fraud sample).\n"
                + "- Velocity uses the profile's 30-day order count, which is as fresh as the profile.\n");
        return md.toString();
    }
}
