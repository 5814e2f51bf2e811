package com.crmscoring.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds the custom-runtime package ({@code provided.al2023}) from the Quarkus {@code function.zip}:
 * the package carries its own JVM and the AOT cache trained for it, so that the JVM and its cache
 * always match (on a managed runtime, a runtime update can invalidate a cache of one's own).
 *
 * <pre>
 * bootstrap     starts jre/bin/java with the cache under the runtime interface client
 * jre/          a jlink'ed Java runtime holding only {@link #MODULES}
 * app.jar       the package's own classes; its manifest's Class-Path names every jar in lib/, in order
 * lib/          the package's libraries and the runtime interface client (a custom runtime has none)
 * app.aot       the JDK AOT cache (JEP 483, 514, 515): classes loaded and linked, method profiles
 * </pre>
 *
 * <p>The cache is trained by running the package through its own {@code bootstrap} under the real
 * runtime interface client, against DynamoDB Local with the test fixtures, on the given event files.
 * It is then checked with {@code -XX:AOTMode=on}, which makes the JVM refuse to start on a cache it
 * cannot use: the build fails, with the JVM's reason, rather than ship a cache that is ignored. The
 * JVM checks each jar's size and modification time against the cache, so every file gets one fixed
 * modification time and the zip records it ({@link #FILE_TIME}); the same data give the same package.
 * At start-up on Lambda the bootstrap runs with {@code -XX:AOTMode=auto}: a rejected cache is
 * reported by the JVM ({@code [aot]} warnings in the function's log) and the function still starts.
 *
 * <p>The class path is a jar manifest's, not a {@code -cp} list: ONNX Runtime crashes a JVM started
 * with a long command line (see the README's build notes), and the AOT cache needs jars, not the
 * folder of classes the managed runtime's layout puts on the class path.
 */
public final class CustomRuntimePackage {

    /**
     * The modules the functions need: found by running them (a missing module fails the training
     * run, and so the build). {@code java.desktop} (25 MB) is left out: Jackson's use of
     * {@code java.beans} is optional.
     */
    public static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming", "java.net.http",
            "java.sql", "java.xml", "jdk.unsupported", "jdk.zipfs", "jdk.crypto.ec", "jdk.management");
    /** Every file's modification time, in the staging folder and in the zip. */
    public static final FileTime FILE_TIME = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    /** The JDK feature release that can write an AOT cache in one training run (JEP 514). */
    public static final int AOT_RELEASE = 25;

    private CustomRuntimePackage() {
    }

    /**
     * Arguments: {@code QUARKUS_ZIP STAGING OUTPUT_ZIP HANDLER PROJECT_ROOT TRAINING_ENV EVENT...}:
     * the Quarkus package, the folder to lay the package out in, the zip to write, the Lambda
     * handler, the folder holding template.yaml and events/, the training run's extra environment
     * ({@code KEY=VALUE[,KEY=VALUE]}, or {@code -}), and the event files it is sent, relative to
     * the project root.
     */
    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < AOT_RELEASE) {
            System.out.println("custom runtime package: skipped, the build runs on Java " + Runtime.version().feature()
                    + "; it needs Java " + AOT_RELEASE + " (jlink and the AOT cache must come from the JVM the package carries)");
            return;
        }
        Path projectRoot = Path.of(args[4]);
        Map<String, String> trainingEnv = new HashMap<>();
        if (!args[5].equals("-")) {
            for (String kv : args[5].split(",")) {
                trainingEnv.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        List<String> events = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            events.add(Files.readString(projectRoot.resolve(args[i])));
        }
        long start = System.nanoTime();
        Path staging = layOut(Path.of(args[0]), Path.of(args[1]));
        train(staging, args[3], projectRoot, trainingEnv, events);
        zip(staging, Path.of(args[2]));
        System.out.printf("custom runtime package: %s (%.1f MB, %.1f MB unzipped; AOT cache %.1f MB, JVM %.1f MB) in %.1f s%n",
                args[2], Files.size(Path.of(args[2])) / 1e6, size(staging) / 1e6, Files.size(staging.resolve("app.aot")) / 1e6,
                size(staging.resolve("jre")) / 1e6, (System.nanoTime() - start) / 1e9);
    }

    /** Unpacks the Quarkus package into {@code staging} and lays it out as the custom runtime's. */
    static Path layOut(Path quarkusZip, Path staging) throws IOException, InterruptedException {
        PackagedLambda.unpack(quarkusZip, staging);
        Path classes = staging.resolve("app.jar");
        List<Path> roots;
        try (Stream<Path> s = Files.list(staging)) {
            roots = s.filter(p -> !p.getFileName().toString().equals("lib")).sorted().toList();
        }
        for (Path runtimeClientJar : PackagedLambda.runtimeClientJars()) {
            Files.copy(runtimeClientJar, staging.resolve("lib").resolve(runtimeClientJar.getFileName()));
        }
        List<String> libs;
        try (Stream<Path> s = Files.list(staging.resolve("lib"))) {
            libs = s.map(p -> "lib/" + p.getFileName()).sorted().toList();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libs));
        try (OutputStream out = Files.newOutputStream(classes); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Path root : roots) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = staging.relativize(f).toString().replace('\\', '/');
                    if (name.equals("META-INF/MANIFEST.MF")) {
                        continue;   // replaced by the one above
                    }
                    JarEntry e = new JarEntry(name);
                    e.setLastModifiedTime(FILE_TIME);
                    jar.putNextEntry(e);
                    Files.copy(f, jar);
                    jar.closeEntry();
                }
            }
        }
        for (Path root : roots) {
            delete(root);
        }
        Path jre = staging.resolve("jre");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(), "--add-modules", String.join(",", MODULES),
                // The JDK's default class-data archive for the image: what the JVM falls back on
                // when it cannot use app.aot (without it, a start without the cache is slower than
                // on the managed runtime).
                "--generate-cds-archive", "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString()),
                staging.resolve("../jlink.log"));
        // The archive for heaps over 32 GB: Lambda gives at most 10 GB.
        Files.deleteIfExists(jre.resolve("lib/server/classes_nocoops.jsa"));
        Path bootstrap = staging.resolve("bootstrap");
        try (InputStream in = CustomRuntimePackage.class.getResourceAsStream("custom-runtime-bootstrap.sh")) {
            Files.write(bootstrap, in.readAllBytes());
        }
        bootstrap.toFile().setExecutable(true, false);
        stampTimes(staging);
        return staging;
    }

    /**
     * Writes {@code app.aot} by running the package through its bootstrap on the events, then
     * starts it once more with {@code -XX:AOTMode=on} and fails unless the JVM accepts the cache.
     */
    static void train(Path staging, String handler, Path projectRoot, Map<String, String> trainingEnv, List<String> events)
            throws Exception {
        Path cache = staging.resolve("app.aot");
        Files.deleteIfExists(cache);
        DynamoDbLocalResource dynamo = new DynamoDbLocalResource();
        Map<String, String> config = dynamo.start();
        try {
            Map<String, String> env = PackagedLambda.deployedEnvironment(DynamoDbLocalResource.lambdaEnvironment(config), projectRoot,
                    "crm-aot-training");
            env.putAll(trainingEnv);
            Map<String, String> training = new HashMap<>(env);
            training.put("CRM_AOT_TRAINING", cache.toAbsolutePath().toString());
            try (PackagedLambda lambda = PackagedLambda.startBootstrap(staging, handler, training, staging.resolve("../aot-training.log"))) {
                // Each event a few times: the first run loads and links, the next ones are what the
                // method profiles should describe.
                for (int round = 0; round < 3; round++) {
                    for (String event : events) {
                        lambda.invoke(event, 120);
                    }
                }
            }
            // The JVM writes the cache as it exits, which close() waits for.
            if (!Files.exists(cache)) {
                throw new IllegalStateException("the training run wrote no AOT cache; see " + staging.resolve("../aot-training.log"));
            }
            Files.setLastModifiedTime(cache, FILE_TIME);

            Map<String, String> check = new HashMap<>(env);
            check.put("CRM_AOT_MODE", "on");
            Path log = staging.resolve("../aot-check.log");
            try (PackagedLambda lambda = PackagedLambda.startBootstrap(staging, handler, check, log)) {
                RuntimeApiServer.Answer answer = lambda.invoke(events.get(0), 120);
                if (answer.error()) {
                    throw new IllegalStateException("the package with its AOT cache failed its first event: " + answer.body());
                }
            } catch (AssertionError noAnswer) {
                throw new IllegalStateException("the JVM refused the AOT cache: " + aotLines(log), noAnswer);
            }
            List<String> complaints = aotLines(log);
            if (!complaints.isEmpty()) {
                throw new IllegalStateException("the JVM complained about the AOT cache: " + complaints);
            }
        } finally {
            dynamo.stop();
        }
    }

    /** What the JVM said about the AOT cache ({@code [aot]} warnings and errors) in a function's log. */
    public static List<String> aotLines(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("[aot]") && (l.contains("warning") || l.contains("error"))).toList();
        }
    }

    /** Zips the staging folder with its files' modes (bootstrap and jre/bin must stay executable) and the fixed time. */
    static void zip(Path staging, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(p -> !p.equals(staging) && (Files.isRegularFile(p) || Files.isDirectory(p))).sorted().toList();
        }
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp.toFile())) {
            for (Path f : files) {
                String name = staging.relativize(f).toString().replace('\\', '/') + (Files.isDirectory(f) ? "/" : "");
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                e.setUnixMode((Files.isDirectory(f) ? 040000 : 0100000) | (Files.isDirectory(f) || Files.isExecutable(f) ? 0755 : 0644));
                e.setLastModifiedTime(FILE_TIME);
                out.putArchiveEntry(e);
                if (Files.isRegularFile(f)) {
                    Files.copy(f, out);
                }
                out.closeArchiveEntry();
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void stampTimes(Path staging) throws IOException {
        Files.walkFileTree(staging, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.setLastModifiedTime(file, FILE_TIME);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed: " + Files.readString(log));
        }
    }
}
