package com.crmscoring.bench;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.ModelResources;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shop's churn model in scikit-learn, side by side with ONNX Runtime in the JVM: the same
 * logistic regression (its coefficients read off the ONNX model by probing it), the same 1,000
 * real rows, one-row latency and a fresh process's time to its first score.
 */
final class PythonPeer {

    private static final Path SCRIPT = Path.of("src/main/python/sklearn_peer.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Path work;

    PythonPeer(Path dataDir, Path work) {
        this.dataDir = dataDir;
        this.work = work;
    }

    /** The 1,000 benchmark customers, vectorized in the model's column order, with ONNX Runtime's probability. */
    void writeRows(Path csv) throws IOException {
        BenchData data = BenchData.load(dataDir, ScoringBenchmark.CUSTOMERS);
        try (OnnxModel model = ModelResources.load(OrtEnvironment.getEnvironment(), ServedModel.CHURN.resource())) {
            int w = model.vectorizer().width();
            float[] flat = model.batch(data.profiles.stream().map(p -> p.attributes()).toList());
            float[] p = model.graphScores(flat, data.profiles.size());
            StringBuilder out = new StringBuilder(String.join(",", model.metadata().inputColumns())).append(",label,onnx_p\n");
            for (int r = 0; r < data.profiles.size(); r++) {
                for (int c = 0; c < w; c++) {
                    out.append(Float.toString(flat[r * w + c])).append(',');
                }
                out.append("0,").append(Float.toString(p[r])).append('\n');
            }
            Files.writeString(csv, out);
            // A two-class logistic regression: logit(p) = b + w·x, so b = logit(p(0)) and w_j = logit(p(e_j)) - b.
            float[] probes = new float[(w + 1) * w];
            for (int j = 0; j < w; j++) {
                probes[(j + 1) * w + j] = 1f;
            }
            float[] q = model.graphScores(probes, w + 1);
            double b = logit(q[0]);
            List<Double> coefficients = new ArrayList<>();
            for (int j = 0; j < w; j++) {
                coefficients.add(logit(q[j + 1]) - b);
            }
            JSON.writeValue(work.resolve("churn-weights.json").toFile(), Map.of("intercept", b, "coefficients", coefficients,
                    "model", model.metadata().name() + " " + model.metadata().version()));
        }
    }

    void compare(StringBuilder md, Path csv, Stats onnxOneRowMicros, List<Double> javaColdFunctionMs) throws Exception {
        System.out.println("== Python peer ==");
        md.append("## Side by side: the same churn model in Python scikit-learn\n\n");
        python = interpreter();
        if (python == null) {
            md.append("Skipped: no `python3` with scikit-learn found (`apt-get install python3-sklearn`).\n\n");
            return;
        }
        Path pkl = work.resolve("churn-sklearn.pkl");
        Run build = python(SCRIPT.toString(), "build", work.resolve("churn-weights.json").toString(), pkl.toString(), csv.toString());
        JsonNode parity = JSON.readTree(build.out());
        String version = python("-c", "import sklearn, numpy, sys; print('%s, NumPy %s, Python %s' % (sklearn.__version__, numpy.__version__, sys.version.split()[0]))").out().trim();
        Run lat = python(SCRIPT.toString(), "latency", pkl.toString(), csv.toString(), "5000");
        List<Double> micros = new ArrayList<>();
        JSON.readTree(lat.out()).path("micros").forEach(v -> micros.add(v.asDouble()));
        Stats py = Stats.of(micros);
        Stats java = javaOneRow(csv, micros.size());
        int runs = 5;
        List<Double> pyCold = new ArrayList<>();
        List<Double> javaCold = new ArrayList<>();
        List<Double> javaAotCold = new ArrayList<>();
        // The custom runtime's way (CustomRuntimePackage): an AOT cache written by one training run
        // of the same command, then used by every start.
        Path coldJar = coldScoreJar();
        Path cache = work.resolve("coldscore.aot").toAbsolutePath();
        Files.deleteIfExists(cache);
        timed(coldScore(coldJar, "-XX:AOTCacheOutput=" + cache, csv));
        if (!Files.exists(cache)) {
            throw new IllegalStateException("the AOT training run of ColdScore wrote no cache");
        }
        for (int i = 0; i < runs; i++) {
            pyCold.add(timed(List.of(python, SCRIPT.toString(), "cold", pkl.toString(), csv.toString())));
            javaCold.add(timed(coldScore(coldJar, "-Xshare:auto", csv)));   // the default: the JDK's own class-data archive
            javaAotCold.add(timed(coldScore(coldJar, "-XX:AOTCache=" + cache, csv)));
        }
        Stats pc = Stats.of(pyCold);
        Stats jc = Stats.of(javaCold);
        Stats ja = Stats.of(javaAotCold);
        md.append(String.format(Locale.ROOT, "scikit-learn %s (Debian `python3-sklearn`), the churn logistic regression's"
                + " coefficients set from the ONNX model: largest probability difference from ONNX Runtime over %d real rows %.1e"
                + " (the same model). One-row timings exclude feature building on both sides.%n%n",
                version, parity.path("rows").asInt(), parity.path("maxAbsDiff").asDouble()));
        md.append("| measure | Java: ONNX Runtime | Python: scikit-learn | Java / Python |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| one-row probability, p50 of %,d timed calls after warm-up (same loop both sides) | %s µs | %s µs | %.2f× |%n",
                py.n(), BenchmarkCommand.num(java.p50()), BenchmarkCommand.num(py.p50()), java.p50() / py.p50()));
        md.append(String.format(Locale.ROOT, "| one-row probability, p99 | %s µs | %s µs | %.2f× |%n",
                BenchmarkCommand.num(java.p99()), BenchmarkCommand.num(py.p99()), java.p99() / py.p99()));
        if (onnxOneRowMicros != null) {
            md.append(String.format(Locale.ROOT, "| for reference: JMH `churnBareOnnxOne` p50 (vectorizing included) | %s µs | | |%n",
                    BenchmarkCommand.num(onnxOneRowMicros.p50())));
        }
        md.append(String.format(Locale.ROOT, "| fresh process to first probability, median of %d (min – max) | %s ms (%s – %s) | %s ms (%s – %s) | %.2f× |%n",
                runs, BenchmarkCommand.num(jc.p50()), BenchmarkCommand.num(jc.min()), BenchmarkCommand.num(jc.max()),
                BenchmarkCommand.num(pc.p50()), BenchmarkCommand.num(pc.min()), BenchmarkCommand.num(pc.max()), jc.p50() / pc.p50()));
        md.append(String.format(Locale.ROOT, "| the same with an AOT cache from one training run (`-XX:AOTCache`, Java %d) | %s ms (%s – %s) | %s ms | %.2f× |%n",
                Runtime.version().feature(), BenchmarkCommand.num(ja.p50()), BenchmarkCommand.num(ja.min()), BenchmarkCommand.num(ja.max()),
                BenchmarkCommand.num(pc.p50()), ja.p50() / pc.p50()));
        if (!javaColdFunctionMs.isEmpty()) {
            md.append(String.format(Locale.ROOT, "| for scale: the whole packaged `churn` function's cold start (Quarkus, DynamoDB, reasons) | %s ms | | |%n",
                    BenchmarkCommand.num(Stats.of(javaColdFunctionMs).p50())));
        }
        md.append('\n');
        System.out.print(md.substring(md.lastIndexOf("## Side by side")));
    }

    /** The Java side of the fresh-process comparison, with one JVM option for the AOT cache. */
    private List<String> coldScore(Path jar, String aotOption, Path csv) {
        return List.of(BenchmarkCommand.javaBin(), aotOption, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + work.toAbsolutePath(), "-cp", jar.toString(), ColdScore.class.getName(), csv.toString());
    }

    /**
     * The benchmark jar's classes again, in a jar whose manifest's class path is the benchmark
     * jar's without the jars that bring class paths of their own (DynamoDB Local names "." in its
     * manifest): the JVM refuses an AOT cache when a folder is on the class path, and ColdScore
     * needs none of them. Both sides of the comparison use it.
     */
    private static Path coldScoreJar() throws IOException {
        Path own = Path.of(BenchmarkCommand.ownJar()).toAbsolutePath();
        // Written anew by every run: one left from an earlier build could hold stale classes.
        Path jar = own.resolveSibling("coldscore-classpath.jar");
        List<String> entries = new ArrayList<>();
        try (java.util.jar.JarFile benchmarks = new java.util.jar.JarFile(own.toFile())) {
            for (String entry : benchmarks.getManifest().getMainAttributes().getValue("Class-Path").trim().split("\\s+")) {
                try (java.util.jar.JarFile lib = new java.util.jar.JarFile(own.resolveSibling(entry).toFile())) {
                    java.util.jar.Manifest m = lib.getManifest();
                    if (m == null || m.getMainAttributes().getValue("Class-Path") == null) {
                        entries.add(entry);
                    }
                }
            }
        }
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, String.join(" ", entries));
        try (java.io.OutputStream out = Files.newOutputStream(jar); java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(out, manifest);
             java.util.jar.JarFile benchmarks = new java.util.jar.JarFile(own.toFile())) {
            for (java.util.jar.JarEntry e : java.util.Collections.list(benchmarks.entries())) {
                if (!e.getName().equals("META-INF/MANIFEST.MF")) {
                    j.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    try (java.io.InputStream in = benchmarks.getInputStream(e)) {
                        in.transferTo(j);
                    }
                    j.closeEntry();
                }
            }
        }
        return jar;
    }

    /** ONNX Runtime's one-row probability over the CSV's rows, timed call by call as the Python loop is. */
    private static Stats javaOneRow(Path csv, int n) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int width = lines.get(0).split(",").length - 2;
        List<float[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            float[] row = new float[width];
            for (int i = 0; i < width; i++) {
                row[i] = Float.parseFloat(v[i]);
            }
            rows.add(row);
        }
        try (OnnxModel model = ModelResources.load(OrtEnvironment.getEnvironment(), ServedModel.CHURN.resource())) {
            for (int i = 0; i < 20_000; i++) {
                model.graphScores(rows.get(i % rows.size()), 1);
            }
            double[] micros = new double[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                model.graphScores(rows.get(i % rows.size()), 1);
                micros[i] = (System.nanoTime() - t) / 1e3;
            }
            return Stats.of(micros);
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private record Run(boolean ok, String out) {
    }

    /** The Python that has scikit-learn: the one on the PATH, else Debian's (a pyenv shim may hide it). */
    private static String interpreter() throws Exception {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            python = candidate;
            try {
                if (python("-c", "import sklearn").ok()) {
                    return candidate;
                }
            } catch (java.io.IOException e) {
                // not installed
            }
        }
        return null;
    }

    private static String python = "python3";

    private static Run python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor() == 0, out);
    }

    /** Wall time from spawning the process to its first line of output (the first score). */
    private static double timed(List<String> command) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        double ms = (System.nanoTime() - t) / 1e6;
        p.waitFor();
        if (first == null || !first.startsWith("p=")) {
            throw new IllegalStateException(command + " printed no probability");
        }
        return ms;
    }
}
