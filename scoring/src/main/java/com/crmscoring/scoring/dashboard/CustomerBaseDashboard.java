package com.crmscoring.scoring.dashboard;

import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the customer-base dashboard through the production scorers and writes it: a
 * self-contained HTML page ({@link CustomerBasePage}) and the same figures as JSON, for any job
 * that has a {@link ScoringFactory} over the tables (the local run, the local API, a scheduled
 * scoring job).
 */
public final class CustomerBaseDashboard {

    /** Profiles read and scored per batch: the batch API's own limit. */
    private static final int BATCH = 100;

    private CustomerBaseDashboard() {
    }

    /**
     * Scores every customer at {@code at}, and places each in their life-cycle stage at
     * {@code since} from their orders before it (read from the orders table: the stored history
     * keeps only the last year's detail, and is for the latest instant only).
     *
     * @param at    the instant the scores describe; it must be after every customer's latest order
     * @param since the earlier instant the movement between stages is counted from
     */
    public static CustomerBaseReport compute(ScoringFactory scoring, List<String> customerIds, Instant at, Instant since) {
        if (!since.isBefore(at)) {
            throw new IllegalArgumentException("the movement's earlier instant must be before the dashboard's");
        }
        List<CustomerOverview> scored = new ArrayList<>(customerIds.size());
        Map<String, String> stageBefore = new HashMap<>();
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        for (int from = 0; from < customerIds.size(); from += BATCH) {
            List<CustomerFeatures> now = new ArrayList<>(scoring.features()
                    .findAll(customerIds.subList(from, Math.min(customerIds.size(), from + BATCH)), at.toString()).values());
            scored.addAll(scoring.overview().scoreAll(now));
            List<CustomerFeatures> before = new ArrayList<>();
            for (CustomerFeatures c : now) {
                if (c.profilingOptOut()) {
                    continue;   // not profiled, now or then
                }
                CustomerHistory history = CustomerHistory.of(scoring.orders().ordersOf(c.customerId()), since, catalogue);
                if (history.orderCount() > 0) {
                    before.add(scoring.features().describe(c.customerId(), false, history, since));
                }
            }
            scoring.segment().scoreAll(before).forEach(s -> stageBefore.put(s.customerId(), s.lifecycleStage()));
        }
        Map<String, String> models = new LinkedHashMap<>();
        models.put("churn", version(scoring.churn()));
        models.put("segment", version(scoring.segment()));
        models.put("lifetime value", version(scoring.lifetimeValue()));
        models.put("next best offer", version(scoring.nextBestOffer()));
        return CustomerBaseReport.of(at, since, models, scored, stageBefore);
    }

    /**
     * Writes {@code customer-base.html} and {@code customer-base.json} into {@code dir}, each
     * atomically, so that a reader never sees half a page.
     *
     * @return the page
     */
    public static Path write(CustomerBaseReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path html = dir.resolve("customer-base.html");
        writeAtomically(html, CustomerBasePage.render(report).getBytes(StandardCharsets.UTF_8));
        writeAtomically(dir.resolve("customer-base.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(report));
        return html;
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String version(PersonalScorer<?> scorer) {
        return scorer.metadata().name() + " " + scorer.metadata().version();
    }
}
