package com.crmscoring.training.publish;

import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.card.ModelCardWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a model and its card where scoring reads models from. Each file is written beside its
 * destination and moved into place in one step, so a reader sees the old file or the new one,
 * never half of one; the model goes last, so its card is never older than it.
 */
public final class ModelPublisher {

    private final ModelCardWriter cards = new ModelCardWriter();

    /** Publishes a binary model with its card. @return the path of the published model file */
    public Path publish(Path directory, String name, byte[] onnx, ModelCard card) throws IOException {
        return publish(directory, name, onnx, cards.json(card), cards.markdown(card));
    }

    /** @return the path of the published model file */
    public Path publish(Path directory, String name, byte[] onnx, String cardJson, String cardMarkdown) throws IOException {
        Files.createDirectories(directory);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + ".card.json", cardJson.getBytes(StandardCharsets.UTF_8));
        files.put(name + ".card.md", cardMarkdown.getBytes(StandardCharsets.UTF_8));
        files.put(name + ".onnx", onnx);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            AtomicFiles.write(directory.resolve(e.getKey()), e.getValue());
        }
        return directory.resolve(name + ".onnx");
    }
}
