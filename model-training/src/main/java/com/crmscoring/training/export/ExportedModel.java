package com.crmscoring.training.export;

import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.card.ModelCardWriter;
import com.crmscoring.training.publish.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A model that passed parity: its file, its metadata, its card. */
public record ExportedModel(byte[] onnx, ModelMetadata metadata, ParityResult parity, ModelCard card) {

    /**
     * Writes the card (JSON and Markdown) and the model where scoring reads models from. Each
     * file is written beside its destination and moved into place in one step, so a reader sees
     * the old file or the new one, never half of one; the model goes last, so its card is never
     * older than it.
     *
     * @return the path of the published model file
     */
    public Path publish(Path directory) throws IOException {
        ModelCardWriter writer = new ModelCardWriter();
        String name = metadata.name();
        AtomicFiles.write(directory.resolve(name + ".card.json"), writer.json(card).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(directory.resolve(name + ".card.md"), writer.markdown(card).getBytes(StandardCharsets.UTF_8));
        Path model = directory.resolve(name + ".onnx");
        AtomicFiles.write(model, onnx);
        return model;
    }
}
