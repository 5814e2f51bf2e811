package com.crmscoring.training.nbo;

import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.offers.AssociationRule;
import java.util.Locale;

/** The next-best-offer model's card as a readable page. */
final class NboCard {

    private NboCard() {
    }

    static String markdown(NextBestOfferTraining.Result r, String chosen) {
        ModelMetadata m = r.metadata();
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(m.name()).append(' ').append(m.version()).append("\n\n| | |\n|---|---|\n");
        md.append("| Task | which offer family a customer buys next (multi-class propensity) plus basket and sequence rules |\n");
        md.append("| Offers | ").append(String.join(", ", m.offers().ids())).append(" |\n");
        md.append("| Trained on | ").append(m.trainedOn()).append(" |\n");
        md.append("| Chosen model | ").append(chosen).append(": ").append(m.algorithm()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| Parity | largest probability difference Tribuo vs ONNX Runtime %.2e |%n", r.maxParityDifference()));
        md.append("| Data fingerprint | `").append(m.dataFingerprint()).append("` |\n");
        md.append("\n## Cross-validated top-1 accuracy (5 folds, deployed snapshot)\n\n| candidate | accuracy |\n|---|---|\n");
        r.cvAccuracy().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", k, v)));
        md.append("\n## Out-of-time hit rates\n\nModel and rules fitted on the history before the cut-off, rankings compared with"
                + " the families each customer actually bought in the 90 days after it. Offers bought in the last 30 days are"
                + " left out of every ranking (already owned).\n\n| ranking | hit@1 | hit@3 | customers |\n|---|---|---|---|\n");
        for (NextBestOfferTraining.Evaluation e : r.evaluation()) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %,d |%n", e.method(), e.hitAt1(), e.hitAt3(), e.customers()));
        }
        md.append("\n## Strongest rules (by lift)\n\n| rule | kind | support | confidence | lift |\n|---|---|---|---|---|\n");
        m.rules().stream().limit(12).forEach((AssociationRule a) -> md.append(String.format(Locale.ROOT, "| %s → %s | %s%s | %.3f | %.2f | %.2f |%n",
                String.join(" + ", a.antecedent()), a.consequent(), a.kind(), a.withinDays() > 0 ? " (" + a.withinDays() + " days)" : "",
                a.support(), a.confidence(), a.lift())));
        md.append(String.format(Locale.ROOT, "%n%d rules in all (minimum support %.2f, minimum confidence %.2f).%n", m.rules().size(),
                NextBestOfferTraining.MIN_SUPPORT, NextBestOfferTraining.MIN_CONFIDENCE));
        md.append("\n## Limitations\n\n- Offer families come from keywords in product descriptions (`offers/catalogue.json`); about a quarter (23 %) of the"
                + " shop's lines belong to none.\n- The label is the family of the largest spend in the next 90 days: a model of"
                + " what customers buy anyway, not of what an offer makes them buy (no campaign data to measure uplift).\n");
        return md.toString();
    }
}
