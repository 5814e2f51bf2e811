package com.crmscoring.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path tmp;

    private Path out;
    private Path csv;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        out = tmp.resolve("models");
        csv = writeSyntheticCsv(tmp.resolve("leads.csv"), 400, 7L);
    }

    /**
     * Churn that rises with complaints and falls with tenure, plus a plan effect and noise, so
     * that every candidate family has something to learn and cross-validation has both classes
     * in every fold.
     */
    private static Path writeSyntheticCsv(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("customerId,tenureMonths,complaints,plan,monthlyFee,left\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < rows; i++) {
            int tenure = 1 + random.nextInt(60);
            int complaints = random.nextInt(6);
            String plan = plans[random.nextInt(plans.length)];
            double fee = 20 + random.nextInt(80) + 0.5;
            double logit = -0.5 + 0.8 * complaints - 0.06 * tenure + (plan.equals("basic") ? 0.7 : 0) + random.nextGaussian() * 0.3;
            boolean left = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            text.append(String.format(Locale.ROOT, "C%05d,%d,%d,%s,%.1f,%s%n", i, tenure, complaints, plan, fee, left ? "yes" : "no"));
        }
        return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return new TrainCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
    }

    private Set<String> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private void assertNothingPublished() throws IOException {
        assertEquals(Set.of(), filesIn(out), "a refused run must not leave files in --out");
    }

    @Test
    void noArguments_printsUsageAndReturnsTwo() throws IOException {
        assertEquals(2, run());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Usage:"));
        assertNothingPublished();
    }

    @Test
    void help_returnsZero() {
        assertEquals(0, run("--help"));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Usage:"));
    }

    @Test
    void unknownCommand_returnsTwo() throws IOException {
        assertEquals(2, run("deploy", "--out", out.toString()));
        assertNothingPublished();
    }

    @Test
    void missingRequiredOption_returnsTwo() throws IOException {
        // --name is missing
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--out", out.toString()));
        assertNothingPublished();
        // --out is missing: nothing may appear beside the data either
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--name", "leads"));
        assertEquals(Set.of("leads.csv"), filesIn(tmp));
    }

    @Test
    void optionWithoutValue_returnsTwo() throws IOException {
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--name", "leads",
                "--out", out.toString(), "--exclude"));
        assertNothingPublished();
    }

    @Test
    void nonNumericSeed_returnsTwo() throws IOException {
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--name", "leads",
                "--out", out.toString(), "--seed", "forty-two"));
        assertNothingPublished();
    }

    @Test
    void invalidModelName_returnsTwo() throws IOException {
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--name", "../Leads",
                "--out", out.toString()));
        assertNothingPublished();
        assertEquals(Set.of("leads.csv"), filesIn(tmp));
    }

    @Test
    void csvWithUnknownTarget_returnsTwo() throws IOException {
        assertEquals(2, run("csv", "--file", csv.toString(), "--target", "churned", "--positive", "yes", "--name", "leads",
                "--out", out.toString()));
        assertNothingPublished();
    }

    @Test
    void missingCsvFile_returnsTwo() throws IOException {
        assertEquals(2, run("csv", "--file", tmp.resolve("absent.csv").toString(), "--target", "left", "--positive", "yes",
                "--name", "leads", "--out", out.toString()));
        assertNothingPublished();
    }

    @Test
    void csvRun_publishesTheModelAndItsCardsAndNothingElse() throws IOException {
        int status = run("csv", "--file", csv.toString(), "--target", "left", "--positive", "yes", "--name", "leads",
                "--out", out.toString());

        String log = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, log);
        assertEquals(Set.of("leads.onnx", "leads.card.json", "leads.card.md", "training-report.html"), filesIn(out));
        assertTrue(filesIn(out).stream().noneMatch(f -> f.endsWith(".partial")));
        for (String f : List.of("leads.onnx", "leads.card.json", "leads.card.md")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + " is empty");
        }
        assertTrue(Files.readString(out.resolve("leads.card.json")).contains("\"leads\""));
        assertTrue(log.contains("customerId") && log.contains("identifier"), "the column decisions are reported:\n" + log);
    }
}
