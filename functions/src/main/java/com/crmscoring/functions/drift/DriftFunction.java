package com.crmscoring.functions.drift;

import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.drift.DriftJob;
import com.crmscoring.scoring.drift.DriftReport;
import com.crmscoring.scoring.drift.DriftReports;
import com.crmscoring.scoring.observe.EmbeddedMetrics;
import com.crmscoring.storage.profile.ProfileScan;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled drift job as a Lambda function (an EventBridge schedule in template.yaml; the
 * event's content is not used): every profile read with a bounded parallel scan, described at the
 * run's instant, and the orders of the last {@code crm.drift.order-window} (for fraud screening),
 * compared with each model's training population; the report (JSON and page) goes
 * to the reports bucket, or to a folder when no bucket is set (a local run), and the indices to the
 * metrics, where the alarms watch them.
 */
public class DriftFunction {

    private static final Logger LOG = Logger.getLogger(DriftFunction.class);

    @Inject
    ScoringFactory scoring;

    @Inject
    Clock clock;

    /** Made on the first run with a bucket: no other function of this package pays for an S3 client. */
    private S3Client s3;

    @ConfigProperty(name = "crm.drift.bucket")
    Optional<String> bucket;

    @ConfigProperty(name = "crm.drift.folder", defaultValue = "/tmp/drift-reports")
    String folder;

    @ConfigProperty(name = "crm.drift.scan.segments", defaultValue = "4")
    int segments;

    @ConfigProperty(name = "crm.drift.scan.threads", defaultValue = "2")
    int threads;

    @ConfigProperty(name = "crm.drift.scan.page-size", defaultValue = "100")
    int pageSize;

    @ConfigProperty(name = "crm.drift.scan.read-units-per-second", defaultValue = "200")
    double readUnitsPerSecond;

    /** How far back from the run the orders compared for fraud screening go: a month of orders. */
    @ConfigProperty(name = "crm.drift.order-window", defaultValue = "P30D")
    Duration orderWindow;

    /** Enough orders for the index: reading stops there ({@code DriftJob.OrderSource#DEFAULT_MAX_ORDERS}). */
    @ConfigProperty(name = "crm.drift.max-orders", defaultValue = "" + DriftJob.OrderSource.DEFAULT_MAX_ORDERS)
    int maxOrders;

    /** What a run did, as its caller (the schedule's history, an operator's test invoke) sees it. */
    public record DriftSummary(String asOf, long customers, long optedOut, long orders, long pages, double readUnits, long seconds,
                               List<ModelSummary> models, List<String> nothingToCompare, List<String> written) {
    }

    /** A model's indices: its score's and its most drifted attribute's. Registered: Funqy registers only the top-level answer. */
    @RegisterForReflection
    public record ModelSummary(String model, String version, double scorePsi, String scoreLevel, String attribute, double attributePsi,
                               String attributeLevel) {
    }

    @Funq("drift")
    public DriftSummary drift(JsonNode scheduledEvent) {
        Instant at = clock.instant();
        DriftJob.Result result = scoring.drift(new ProfileScan.Limits(segments, threads, pageSize, readUnitsPerSecond), at, orderWindow, maxOrders);
        DriftReport report = result.report();
        EmbeddedMetrics.publish(EmbeddedMetrics.fromEnvironment().drift(report, System.currentTimeMillis()), System.out);
        List<String> written = DriftReports.write(report, bucket.isPresent()
                ? (name, type, body) -> s3().putObject(b -> b.bucket(bucket.get()).key(name).contentType(type), RequestBody.fromBytes(body))
                : DriftReports.folder(Path.of(folder)));
        List<ModelSummary> models = report.models().stream().map(m -> {
            DriftReport.Index top = m.attributes().isEmpty() ? null : m.attributes().get(0);
            return new ModelSummary(m.model(), m.version(), m.score().psi(), m.score().level(), top == null ? null : top.name(),
                    top == null ? 0 : top.psi(), top == null ? null : top.level());
        }).toList();
        LOG.infof("drift report for %s: %d customers, %d orders, %d pages, %.0f read units in %d s, written to %s", report.asOf(),
                report.customers(), report.orders(), result.scan().pages(), result.scan().readUnits(), result.scan().elapsed().toSeconds(), bucket.orElse(folder));
        return new DriftSummary(report.asOf(), report.customers(), report.optedOut(), report.orders(), result.scan().pages(), result.scan().readUnits(),
                result.scan().elapsed().toSeconds(), models, report.nothingToCompare(), written);
    }

    /** Lambda's region and role, through the same URL-connection HTTP client as DynamoDB's. */
    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        return s3;
    }
}
