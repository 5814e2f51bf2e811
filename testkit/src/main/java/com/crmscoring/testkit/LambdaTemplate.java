package com.crmscoring.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What template.yaml gives every function's JVM, so that the packaged-function tests and the
 * benchmarks run the functions as deployed rather than with flags of their own.
 */
public final class LambdaTemplate {

    /** Where template.yaml's ONNX Runtime layer is mounted on Lambda. */
    public static final String LAYER_MOUNT = "/opt/onnxruntime";
    /** The variable that points ONNX Runtime at the layer. */
    public static final String NATIVE_PATH_ENV = "ONNXRUNTIME_NATIVE_PATH";
    /** Where the build puts that layer's content (module functions). */
    public static final Path LAYER_BUILD = Path.of("functions/target/onnxruntime-layer/onnxruntime");

    private LambdaTemplate() {
    }

    /**
     * The Globals' environment variables that shape the JVM: {@code JAVA_TOOL_OPTIONS}, and
     * {@code ONNXRUNTIME_NATIVE_PATH} pointed at the build's layer folder instead of the mount;
     * and {@code AWS_LAMBDA_LOG_FORMAT}, which Lambda sets from {@code LoggingConfig.LogFormat} (the
     * runtime interface client then writes its own reports as JSON).
     *
     * @param projectRoot the folder holding template.yaml
     */
    public static Map<String, String> environment(Path projectRoot) {
        try {
            JsonNode function = new ObjectMapper(new YAMLFactory()).readTree(projectRoot.resolve("template.yaml").toFile())
                    .path("Globals").path("Function");
            JsonNode variables = function.path("Environment").path("Variables");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JAVA_TOOL_OPTIONS", variables.path("JAVA_TOOL_OPTIONS").asText());
            String logFormat = function.path("LoggingConfig").path("LogFormat").asText();
            if (!logFormat.isEmpty()) {
                env.put("AWS_LAMBDA_LOG_FORMAT", logFormat);
            }
            if (LAYER_MOUNT.equals(variables.path(NATIVE_PATH_ENV).asText())) {
                Path layer = projectRoot.resolve(LAYER_BUILD).toAbsolutePath().normalize();
                if (!Files.exists(layer.resolve("libonnxruntime.so"))) {
                    throw new IllegalStateException(layer + " has no libonnxruntime.so: the functions module builds it at package");
                }
                env.put(NATIVE_PATH_ENV, layer.toString());
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
