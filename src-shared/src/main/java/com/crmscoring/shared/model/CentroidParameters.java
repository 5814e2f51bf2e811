package com.crmscoring.shared.model;

import java.util.List;

/**
 * A clustering model's centroids as its ONNX graph holds them, kept in the metadata so that the
 * squared distances can be computed in the JVM ({@link TableEvaluator}).
 *
 * @param centroids one row per output column (in {@code outputLabels} order), each with one
 *                  coordinate per input column (in {@code inputColumns} order), float32 values
 */
public record CentroidParameters(List<List<Double>> centroids) {

    public CentroidParameters {
        centroids = centroids.stream().map(List::copyOf).toList();
        if (centroids.isEmpty()) {
            throw new IllegalArgumentException("no centroids");
        }
    }

    /** The centroids of a graph, as float32 rows. */
    public static CentroidParameters of(float[][] centroids) {
        return new CentroidParameters(java.util.Arrays.stream(centroids)
                .map(row -> {
                    Double[] boxed = new Double[row.length];
                    for (int j = 0; j < row.length; j++) {
                        boxed[j] = (double) row[j];
                    }
                    return List.of(boxed);
                }).toList());
    }
}
