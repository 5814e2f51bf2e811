package com.crmscoring.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What template.yaml gives every function's JVM, so that the packaged-function tests and the
 * benchmarks run the functions as deployed rather than with flags of their own.
 */
public final class LambdaTemplate {

    /** Where template.yaml's ONNX Runtime layer is mounted on Lambda. */
    public static final String LAYER_MOUNT = "/opt/onnxruntime";
    /** Where the build puts that layer's content (module functions). */
    public static final Path LAYER_BUILD = Path.of("functions/target/onnxruntime-layer/onnxruntime");

    private LambdaTemplate() {
    }

    /**
     * The Globals' {@code JAVA_TOOL_OPTIONS}, with the layer's mount point replaced by the
     * build's layer folder.
     *
     * @param projectRoot the folder holding template.yaml
     */
    public static String javaToolOptions(Path projectRoot) {
        try {
            JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(projectRoot.resolve("template.yaml").toFile());
            String options = template.path("Globals").path("Function").path("Environment").path("Variables")
                    .path("JAVA_TOOL_OPTIONS").asText();
            Path layer = projectRoot.resolve(LAYER_BUILD).toAbsolutePath().normalize();
            if (options.contains(LAYER_MOUNT) && !Files.exists(layer.resolve("libonnxruntime.so"))) {
                throw new IllegalStateException(layer + " has no libonnxruntime.so: the functions module builds it at package");
            }
            return options.replace(LAYER_MOUNT, layer.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
