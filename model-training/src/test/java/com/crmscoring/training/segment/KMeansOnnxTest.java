package com.crmscoring.training.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** The hand-built K-Means graph against Tribuo's own assignment, on data made here. */
class KMeansOnnxTest {

    private static final List<String> COLUMNS = List.of("a", "b", "c");

    @Test
    void onnxAssignsEveryRowAsTribuoDoes_andReturnsExactSquaredDistances() throws Exception {
        Random random = new Random(7);
        float[][] centres = {{0, 0, 0}, {4, 4, 0}, {-4, 2, 3}, {1, -5, 2}};
        float[][] x = new float[400][3];
        for (int i = 0; i < x.length; i++) {
            float[] c = centres[i % centres.length];
            for (int j = 0; j < 3; j++) {
                x[i][j] = c[j] + (float) random.nextGaussian() * 1.5f;   // overlapping blobs: ties near borders matter
            }
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", factory), factory);
        for (float[] row : x) {
            data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, COLUMNS.toArray(String[]::new),
                    new double[] {row[0], row[1], row[2]}));
        }
        KMeansModel model = new KMeansTrainer(4, 50, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, 1L).train(data);
        float[][] centroids = SegmentTraining.centroids(model, COLUMNS);
        byte[] onnx = KMeansOnnx.export(model, centroids, "test").toByteArray();

        float[] flat = new float[x.length * 3];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, 3 * i, 3);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {x.length, 3});
             OrtSession.Result r = session.run(Map.of(KMeansOnnx.INPUT, t))) {
            float[][] distances = (float[][]) r.get(KMeansOnnx.DISTANCES).orElseThrow().getValue();
            float[][] cluster = (float[][]) r.get(KMeansOnnx.CLUSTER).orElseThrow().getValue();
            var predictions = model.predict(data);
            for (int i = 0; i < x.length; i++) {
                assertEquals(predictions.get(i).getOutput().getID(), (int) cluster[i][0], "row " + i);
                double[] expected = new double[4];
                double[] actual = new double[4];
                for (int c = 0; c < 4; c++) {
                    expected[c] = SegmentTraining.squaredDistance(x[i], centroids[c]);
                    actual[c] = distances[i][c];
                }
                assertArrayEquals(expected, actual, 1e-4, "row " + i);
            }
        }
    }

    @Test
    void silhouetteIsHighForSeparatedBlobs_andLowForNoise() {
        Random random = new Random(3);
        float[][] x = new float[200][2];
        int[] assigned = new int[200];
        for (int i = 0; i < x.length; i++) {
            assigned[i] = i % 2;
            x[i][0] = (assigned[i] == 0 ? -10 : 10) + (float) random.nextGaussian();
            x[i][1] = (float) random.nextGaussian();
        }
        int[] all = java.util.stream.IntStream.range(0, 200).toArray();
        assertTrue(SegmentTraining.silhouette(x, assigned, all, 2) > 0.85);
        int[] arbitrary = new int[200];
        for (int i = 0; i < 200; i++) {
            arbitrary[i] = random.nextInt(2);
        }
        assertTrue(Math.abs(SegmentTraining.silhouette(x, arbitrary, all, 2)) < 0.1, "random labels have no structure");
    }
}
