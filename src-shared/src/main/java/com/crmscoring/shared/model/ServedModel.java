package com.crmscoring.shared.model;

/**
 * The models the product serves, by the name training exports them under and scoring loads them
 * by: one list, so that an export name and a load path cannot drift apart.
 */
public enum ServedModel {
    CHURN("churn"),
    SEGMENTS("segments"),
    LIFETIME_VALUE("lifetime-value"),
    NEXT_BEST_OFFER("next-best-offer"),
    FRAUD_ANOMALY("fraud-anomaly");

    private final String modelName;

    ServedModel(String modelName) {
        this.modelName = modelName;
    }

    /** The name in the model's metadata and its file name without {@code .onnx}. */
    public String modelName() {
        return modelName;
    }

    /** Where the crm-models jar packages it on the class path. */
    public String resource() {
        return "models/" + modelName + ".onnx";
    }
}
