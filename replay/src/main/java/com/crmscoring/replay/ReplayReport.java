package com.crmscoring.replay;

import java.time.Instant;
import java.util.Locale;
import java.util.TreeSet;

/** The replay's report as Markdown. */
final class ReplayReport {

    private ReplayReport() {
    }

    static String markdown(Replay.Report r, Replay.Options o) {
        StringBuilder md = new StringBuilder("## Replay of the Online Retail orders\n\n");
        md.append(String.format(Locale.ROOT, "%,d orders of %,d customers played in time order through the order-event processing"
                + " against DynamoDB Local", r.orders(), r.customers()));
        if (o.faults()) {
            md.append(String.format(Locale.ROOT, ": every order delivered twice, %.0f %% of deliveries delayed behind up to 50 later"
                    + " ones, %d consumers in parallel, %d customers objecting to profiling during the replay", 100 * o.delayedShare(),
                    o.consumers(), r.objections()));
        }
        md.append(".\n\n| | |\n|---|---|\n");
        row(md, "deliveries processed", String.format(Locale.ROOT, "%,d", r.deliveries()));
        row(md, "records failed after 8 conflicting writes and redelivered", String.format(Locale.ROOT, "%,d", r.redeliveries()));
        row(md, "throughput", String.format(Locale.ROOT, "%.0f deliveries/s", r.ordersPerSecond()));
        row(md, "orders lost", Integer.toString(r.ordersLost()));
        row(md, "orders counted twice", Integer.toString(r.ordersDoubleCounted()));
        row(md, "objections to profiling recorded during the replay", Integer.toString(r.objections()));
        row(md, "objections lost (flag overwritten, or scores stored after it)", Integer.toString(r.objectionsLost()));
        row(md, "score mismatches against the offline truth, all checkpoints", Integer.toString(r.mismatches()));
        if (!r.checkpoints().isEmpty()) {
            md.append("\nAt each checkpoint every customer with an order before it is scored by the production scorers for that"
                    + " instant, and by the same models on the training code's features from the orders before it. Tolerances:"
                    + " churn probability ").append(Replay.PROBABILITY_TOLERANCE).append(", lifetime value ")
                    .append(Replay.SPEND_TOLERANCE).append(" + 1e-6 relative, the same nearest segment.\n\n");
            md.append("| checkpoint | customers | opted out | mismatches | largest probability difference | largest spend difference |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Replay.Checkpoint c : r.checkpoints()) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %.1e | %.3f |%n", c.at().toString().substring(0, 10),
                        c.customers(), c.optedOut(), c.mismatches(), c.maxProbabilityDifference(), c.maxSpendDifference()));
            }
        }
        if (!r.frozen().isEmpty()) {
            md.append("\n### The old way beside it: churn probability from the frozen profile, and for the instant asked\n\n");
            TreeSet<Instant> instants = new TreeSet<>();
            r.frozen().forEach(f -> instants.addAll(f.churn().keySet()));
            Instant[] three = pick(instants);
            md.append("| customer | last order |");
            for (Instant t : three) {
                md.append(' ').append(t.toString(), 0, 10).append(" frozen / time-correct |");
            }
            md.append("\n|---|---|").append("---|".repeat(three.length)).append('\n');
            for (Replay.FrozenVersusTimeCorrect f : r.frozen()) {
                md.append("| ").append(f.customerId()).append(" | ").append(f.lastOrder().toString(), 0, 10).append(" |");
                for (Instant t : three) {
                    double[] v = f.churn().get(t);
                    md.append(v == null ? " - |" : String.format(Locale.ROOT, " %.3f / %.3f |", v[0], v[1]));
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** Three checkpoints spread over the run: the first after June, one in the autumn, the last. */
    private static Instant[] pick(TreeSet<Instant> instants) {
        Instant[] all = instants.toArray(Instant[]::new);
        if (all.length <= 3) {
            return all;
        }
        return new Instant[] {all[all.length / 2], all[(all.length * 3) / 4], all[all.length - 1]};
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }
}
