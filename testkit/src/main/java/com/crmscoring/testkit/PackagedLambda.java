package com.crmscoring.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A packaged {@code function.zip} run the way Lambda's java21 runtime runs it: the real AWS Lambda
 * runtime interface client starts the handler in a fresh JVM and polls a {@link RuntimeApiServer}
 * for events. The runtime interface client is taken from this JVM's class path, as the java21
 * runtime provides it and the package does not carry it.
 */
public final class PackagedLambda implements AutoCloseable {

    private final RuntimeApiServer api;
    private final Process process;
    private final long startedNanos;

    private PackagedLambda(RuntimeApiServer api, Process process, long startedNanos) {
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts one function process.
     *
     * @param unpacked the unpacked package ({@link #unpack})
     * @param handler  the Lambda handler, {@code class::method}
     * @param env      the function's environment on top of the Lambda variables set here; JVM
     *                 options go in {@code JAVA_TOOL_OPTIONS}, as on Lambda
     * @param log      where the process's output goes
     */
    public static PackagedLambda start(Path unpacked, String handler, Map<String, String> env, Path log) throws IOException {
        RuntimeApiServer api = new RuntimeApiServer();
        Path tmp = processTmp(log);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // JBoss threads asks for it on Java 24+; Lambda's java21 does not need it.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp));
        command.addAll(List.of("-cp", classpath(unpacked), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        return launch(api, new ProcessBuilder(command), handler, env, log);
    }

    /**
     * The process's own temporary folder, beside its log: as each Lambda container has its own
     * /tmp. Shared, two processes starting at once race on the runtime interface client's native
     * library, which each unpacks there and loads (one crashed with SIGBUS while the other wrote it).
     */
    private static Path processTmp(Path log) throws IOException {
        return Files.createDirectories(log.toAbsolutePath().resolveSibling(log.getFileName() + ".tmp"));
    }

    /** Starts the process with the variables Lambda sets for every runtime, then {@code env}. */
    private static PackagedLambda launch(RuntimeApiServer api, ProcessBuilder pb, String handler, Map<String, String> env, Path log)
            throws IOException {
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("AWS_LAMBDA_RUNTIME_API", api.address());
        e.put("_HANDLER", handler);
        e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        e.put("AWS_REGION", "us-east-1");
        e.put("TMPDIR", processTmp(log).toString());
        e.putAll(env);
        long started = System.nanoTime();
        try {
            return new PackagedLambda(api, pb.start(), started);
        } catch (IOException ex) {
            api.close();
            throw ex;
        }
    }

    /** The handler of the Funqy functions' package (choose the function with {@code QUARKUS_FUNQY_EXPORT}). */
    public static final String FUNQY_HANDLER = "com.crmscoring.functions.config.LoggedFunqyHandler::handleRequest";
    /** The handler of the HTTP API's package. */
    public static final String HTTP_HANDLER = "com.crmscoring.http.LoggedHttpHandler::handleRequest";

    /**
     * Starts one function process as template.yaml deploys it (its JVM options, ONNX Runtime's
     * natives from the layer the build made), reading the given DynamoDB Local.
     *
     * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}; its log goes to {@code target/<functionName>.log}
     * @param dynamo       what {@link DynamoDbLocalResource#start()} returned
     * @param env          more of the function's environment ({@code QUARKUS_FUNQY_EXPORT}), or none
     */
    public static PackagedLambda startAsDeployed(Path unpacked, String handler, String functionName, Map<String, String> dynamo,
                                                 Map<String, String> env) throws IOException {
        Map<String, String> all = deployedEnvironment(DynamoDbLocalResource.lambdaEnvironment(dynamo), Path.of(".."), functionName);
        all.putAll(env);
        return start(unpacked, handler, all, Path.of("target", functionName + ".log"));
    }

    /**
     * A function's environment as template.yaml deploys it (its JVM options, the build's ONNX
     * Runtime layer) over a store's variables ({@link DynamoDbLocalResource#lambdaEnvironment}),
     * named {@code functionName}; mutable, for more variables.
     *
     * @param projectRoot the folder holding template.yaml
     */
    public static Map<String, String> deployedEnvironment(Map<String, String> store, Path projectRoot, String functionName) {
        Map<String, String> all = new java.util.HashMap<>(store);
        all.putAll(LambdaTemplate.environment(projectRoot));
        all.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        return all;
    }

    /**
     * Starts a custom-runtime package ({@link CustomRuntimePackage}) the way Lambda's
     * {@code provided.al2023} runtime does: its own {@code bootstrap} is executed with the task root
     * set to the package, and brings its own JVM and runtime interface client.
     *
     * @param packageDir the unpacked package ({@link #unpack} keeps the bootstrap executable)
     * @param handler    the function's Handler setting, which the bootstrap hands to the client
     * @param env        the function's environment on top of the Lambda variables set here
     */
    public static PackagedLambda startBootstrap(Path packageDir, String handler, Map<String, String> env, Path log) throws IOException {
        Path root = packageDir.toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bootstrap").toString());
        pb.environment().put("LAMBDA_TASK_ROOT", root.toString());
        return launch(new RuntimeApiServer(), pb, handler, env, log);
    }

    /** Sends one event and waits for the answer. */
    public RuntimeApiServer.Answer invoke(String event, long timeoutSeconds) throws Exception {
        return api.invoke(event, timeoutSeconds);
    }

    /** When the function first polled for an event (the end of its init phase), or 0 before that. */
    public long initDoneNanos() {
        return api.firstPollNanos();
    }

    /** When the process was started, on {@link System#nanoTime()}'s clock. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The function process, to read its memory. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * Writes where every thread of the function process is ({@code jcmd Thread.print}) to
     * {@code file}: what a test records when an invocation hangs, before it stops the process.
     */
    public Path dumpThreads(Path file) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start().waitFor(30, TimeUnit.SECONDS);
        return file;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            // A JVM writing an AOT cache as it exits (the training run) takes a few seconds more.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } finally {
            api.close();
        }
    }

    /**
     * The package's own classes and libraries, then the runtime interface client and its
     * serialization library, found where this JVM loaded them from (a test's class path, or a
     * jar manifest's).
     */
    private static String classpath(Path unpacked) {
        List<String> entries = new ArrayList<>();
        entries.add(unpacked.toAbsolutePath().toString());
        entries.add(unpacked.resolve("lib").toAbsolutePath() + File.separator + "*");
        runtimeClientJars().forEach(jar -> entries.add(jar.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** The runtime interface client's jars, where this JVM loaded them from. */
    static List<Path> runtimeClientJars() {
        List<Path> jars = new ArrayList<>();
        for (String className : RUNTIME_CLIENT_CLASSES) {
            try {
                jars.add(Path.of(Class.forName(className, false, PackagedLambda.class.getClassLoader())
                        .getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException | java.net.URISyntaxException e) {
                throw new IllegalStateException(className + " is not on the class path: add"
                        + " com.amazonaws:aws-lambda-java-runtime-interface-client", e);
            }
        }
        return jars;
    }

    /** One class of each library the java21 runtime adds to a function's class path. */
    private static final List<String> RUNTIME_CLIENT_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");

    /**
     * Unzips a package into a fresh folder as Lambda does, refusing entries that would land outside
     * it: each file keeps its modification time and, where the zip records one, its executable bit
     * (a custom runtime's bootstrap and JVM must stay executable; an AOT cache is checked against
     * its jars' times).
     */
    public static Path unpack(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<Object[]> times = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out);
                }
                if ((e.getUnixMode() & 0100) != 0) {
                    out.toFile().setExecutable(true, false);
                }
                times.add(new Object[] {out, e.getLastModifiedTime()});
            }
        }
        for (Object[] t : times) {
            Files.setLastModifiedTime((Path) t[0], (java.nio.file.attribute.FileTime) t[1]);
        }
        return target;
    }
}
