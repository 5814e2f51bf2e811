package com.crmscoring.functions.local;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.dashboard.CustomerBaseDashboard;
import com.crmscoring.scoring.drift.DriftJob;
import com.crmscoring.scoring.drift.DriftReport;
import com.crmscoring.scoring.drift.DriftReports;
import com.crmscoring.scoring.drift.PeriodDrift;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.profile.ProfileScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local run: DynamoDB Local started in this JVM, the bundled Online Retail data loaded, the
 * churn model from the build, every customer scored through the same scorer and repository
 * classes the Lambda function uses, a few of them printed with their reasons, and the
 * customer-base dashboard written to {@code target/customer-base.html}; then the drift job over the
 * table and the shop's last quarter against its first ({@code target/drift/}, {@code target/drift-2011-q1-q4/}).
 *
 * <p>Arguments: {@code [data-dir]} (default {@code ../shared/data} beside the project).
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve("online-retail.csv.gz");
        if (!Files.exists(data)) {
            System.err.println("error: " + data.toAbsolutePath() + " is missing: the public data sets belong in ../shared/data");
            System.exit(2);
        }
        try {
            DeepStack.run("local-run", () -> {
                run(data);
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("local run failed: " + e.getMessage(), e);
        }
    }

    private static void run(Path data) throws Exception {
        TableNames tables = TableNames.DEFAULT;
        try (LocalDynamoDb local = LocalDynamoDb.start();
             DynamoDbClient dynamo = local.client()) {
            System.out.println("DynamoDB Local on " + local.endpoint());
            TableDefinitions.ensureTables(dynamo, tables);
            long start = System.nanoTime();
            RetailLoader.Report report = new RetailLoader(dynamo, tables, line -> System.out.println("  " + line))
                    .load(data, id -> true);
            System.out.printf("loaded %,d orders (%,d cancellations) and %,d profiles in %.1f s%n", report.ordersWritten(),
                    report.cancellationsWritten(), report.profilesWritten(), (System.nanoTime() - start) / 1e9);

            // The bundled data ends on 2011-12-09: scores are for the end of the data, as the shop
            // would have seen them then, not for today (every customer would have lapsed since).
            Instant endOfData = report.profilesAsOf();
            try (ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, tables.profiles(), tables.orders(),
                    OrtEnvironment::getEnvironment, ScoringFactory.Settings.defaults().withClock(Clock.fixed(endOfData, ZoneOffset.UTC)))) {
                List<String> ids = show(dynamo, tables, scoring);
                // The marketing team's view of the same scores: the customer base at the end of the
                // data, and its movement over the last quarter.
                start = System.nanoTime();
                Path page = CustomerBaseDashboard.write(CustomerBaseDashboard.compute(scoring, ids, endOfData,
                        endOfData.minus(Duration.ofDays(90))), Path.of("target"));
                System.out.printf("%ncustomer-base dashboard (%.1f s): %s%n", (System.nanoTime() - start) / 1e9,
                        page.toAbsolutePath().toUri());

                // The scheduled drift job, as Lambda runs it: every profile, and the orders of the last
                // 30 days, against each model's training population; then the shop's last quarter
                // against its first, by the same code.
                start = System.nanoTime();
                DriftJob.Result drift = scoring.drift(ProfileScan.Limits.gentle(), endOfData, Duration.ofDays(30),
                        DriftJob.OrderSource.DEFAULT_MAX_ORDERS);
                List<String> written = DriftReports.write(drift.report(), DriftReports.folder(Path.of("target")));
                System.out.printf("drift against training (%.1f s, %,d customers, %,d orders, %,.0f read units): %s%n",
                        (System.nanoTime() - start) / 1e9, drift.report().customers(), drift.report().orders(), drift.scan().readUnits(), Path.of("target").resolve(written.get(1)).toAbsolutePath().toUri());
                DriftReport quarters = PeriodDrift.compare(new OnlineRetailReader().read(data).orders(),
                        new PeriodDrift.Period("2011 Q1", Instant.parse("2011-01-01T00:00:00Z"), Instant.parse("2011-04-01T00:00:00Z")),
                        new PeriodDrift.Period("2011 Q4", Instant.parse("2011-10-01T00:00:00Z"), endOfData), scoring);
                written = DriftReports.write(quarters, DriftReports.folder(Path.of("target", "drift-2011-q1-q4")));
                System.out.printf("drift, 2011 Q4 against Q1: %s%n", Path.of("target", "drift-2011-q1-q4").resolve(written.get(1))
                        .toAbsolutePath().toUri());
                for (DriftReport.ModelDrift m : quarters.models()) {
                    System.out.printf("  %-16s score PSI %.3f (%s), most moved: %s %.3f%n", m.model(), m.score().psi(), m.score().level(),
                            m.attributes().get(0).name(), m.attributes().get(0).psi());
                }
            }
        }
    }

    private static List<String> show(DynamoDbClient dynamo, TableNames tables, ScoringFactory scoring) {
        ChurnScorer scorer = scoring.churn();
        CustomerOverviewScorer all = scoring.overview();
        List<String> ids = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(tables.profiles()).projectionExpression("customerId"))
                .items().forEach(item -> ids.add(item.get("customerId").s()));
        long start = System.nanoTime();
        List<ChurnScore> scores = new ArrayList<>(ids.size());
        for (String id : ids) {
            scores.add(scorer.score(id, null));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> bands = new TreeMap<>();
        scores.forEach(s -> bands.merge(s.riskBand(), 1, Integer::sum));
        System.out.printf("scored %,d customers with churn model %s in %.1f s (%.2f ms each, GetItem included); bands %s%n",
                scores.size(), scorer.metadata().version(), seconds, 1000 * seconds / scores.size(), bands);

        scores.sort(Comparator.comparingDouble(ChurnScore::churnProbability).reversed().thenComparing(ChurnScore::customerId));
        List<ChurnScore> shown = new ArrayList<>(scores.subList(0, 3));
        shown.addAll(scores.subList(scores.size() / 2 - 1, scores.size() / 2 + 1));
        shown.addAll(scores.subList(scores.size() - 3, scores.size()));
        System.out.println();
        System.out.println("customer  churn p  band    top reasons (impact in log-odds)");
        for (ChurnScore s : shown) {
            System.out.printf(Locale.ROOT, "%-8s  %.3f    %-6s  %s%n", s.customerId(), s.churnProbability(), s.riskBand(),
                    String.join("; ", s.reasons().stream().map(LocalRun::reason).toList()));
        }
        System.out.println();
        System.out.println("customer  segment (life-cycle stage)                         spend next 90 days  P(alive)  best offer");
        for (CustomerOverview p : all.scoreAll(new ArrayList<>(scoring.features().findAll(shown.stream().map(ChurnScore::customerId).toList(),
                null).values()))) {
            var offer = p.nextBestOffers().offers().isEmpty() ? null : p.nextBestOffers().offers().get(0);
            System.out.printf(Locale.ROOT, "%-8s  %-50s %10.2f          %-8s  %s%n", p.customerId(),
                    (p.segment().segmentName() == null ? "-" : p.segment().segmentName()) + " (" + p.segment().lifecycleStage() + ")",
                    p.lifetimeValue().expectedSpend(), p.lifetimeValue().probabilityAlive() == null ? "-"
                            : String.format(Locale.ROOT, "%.3f", p.lifetimeValue().probabilityAlive()),
                    offer == null ? "-" : offer.name() + ": " + offer.reason());
        }

        // Every customer who has not opted out gets at least one offer; the best ones as replenishment.
        int withoutOffer = 0;
        int replenishment = 0;
        int scored = 0;
        for (int from = 0; from < ids.size(); from += 100) {
            var customers = new ArrayList<>(scoring.features().findAll(ids.subList(from, Math.min(ids.size(), from + 100)), null).values());
            for (var offers : scoring.nextBestOffer().scoreAll(customers)) {
                if (offers.offers() == null) {
                    continue;   // opted out
                }
                scored++;
                withoutOffer += offers.offers().isEmpty() ? 1 : 0;
                replenishment += !offers.offers().isEmpty() && offers.offers().get(0).replenishment() ? 1 : 0;
            }
        }
        System.out.printf("offers: %,d customers scored, %,d without an offer, %,d offered replenishment"
                + " (they bought from every family in the last 30 days)%n", scored, withoutOffer, replenishment);
        return ids;
    }

    private static String reason(Reason r) {
        return String.format(Locale.ROOT, "%s=%s %s %+.3f", r.feature(), r.value(), r.effect(), r.impact());
    }
}
