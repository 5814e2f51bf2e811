package com.crmscoring.bench;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.ModelResources;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Java side of the peer comparison's cold start: a fresh JVM loads the churn model into ONNX
 * Runtime with the production class (metadata checks included) and scores the first row of the
 * peer's CSV, as the Python peer does with its model.
 * Arguments: the CSV written by {@link PythonPeer}.
 */
public final class ColdScore {

    private ColdScore() {
    }

    public static void main(String[] args) throws Exception {
        String[] header = Files.readAllLines(Path.of(args[0])).get(0).split(",");
        String[] first = Files.readAllLines(Path.of(args[0])).get(1).split(",");
        int width = header.length - 2; // the last two columns are the label and ONNX's probability
        float[] row = new float[width];
        for (int i = 0; i < width; i++) {
            row[i] = Float.parseFloat(first[i]);
        }
        try (OnnxModel model = ModelResources.load(OrtEnvironment.getEnvironment(), ServedModel.CHURN.resource())) {
            System.out.println("p=" + model.scores(row, 1)[0]);
        }
    }
}
