package com.crmscoring.training.fraud;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.training.onnx.OnnxProtos;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX for a one-class SVM with an RBF kernel, which Tribuo cannot export. The graph computes
 * the anomaly score {@code rho - sum_i alpha_i exp(-gamma |x - sv_i|^2)}: the negated LibSVM
 * decision value, so that higher means more unusual and 0 is the SVM's own boundary.
 *
 * <p>Inputs: {@code input} float [N, d]. Output: {@code anomaly} float [N, 1].
 */
final class OneClassSvmOnnx {

    static final String INPUT = "input";
    static final String OUTPUT = "anomaly";

    private OneClassSvmOnnx() {
    }

    /**
     * @param supportVectors m rows of d coordinates, in the model's input column order
     * @param alphas         the m dual coefficients
     */
    static OnnxMl.ModelProto export(float[][] supportVectors, float[] alphas, float rho, float gamma, String domain) {
        int m = supportVectors.length;
        int d = supportVectors[0].length;
        float[] flat = new float[m * d];
        float[] norms = new float[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(supportVectors[i], 0, flat, i * d, d);
            double sum = 0;
            for (float v : supportVectors[i]) {
                sum += (double) v * v;
            }
            norms[i] = (float) sum;
        }
        float[] ones = new float[d];
        java.util.Arrays.fill(ones, 1f);
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("one_class_svm")
                .addInput(OnnxProtos.floatTensor(INPUT, d))
                .addOutput(OnnxProtos.floatTensor(OUTPUT, 1))
                .addInitializer(tensor("support_vectors", flat, m, d))
                .addInitializer(tensor("support_vector_squared_norms", norms, m))
                .addInitializer(tensor("ones", ones, d, 1))
                .addInitializer(tensor("alphas", alphas, m, 1))
                .addInitializer(tensor("minus_gamma", new float[] {-gamma}, 1))
                .addInitializer(tensor("rho", new float[] {rho}, 1))
                .addInitializer(tensor("zero", new float[] {0f}, 1))
                // |x|^2 - 2 x.sv^T + |sv|^2, clipped at 0 against rounding
                .addNode(node("Gemm", new String[] {INPUT, "support_vectors", "support_vector_squared_norms"}, "cross_term",
                        floatAttr("alpha", -2f), floatAttr("beta", 1f), intAttr("transB", 1)))
                .addNode(node("Mul", new String[] {INPUT, INPUT}, "squares"))
                .addNode(node("Gemm", new String[] {"squares", "ones"}, "row_squared_norms"))
                .addNode(node("Add", new String[] {"cross_term", "row_squared_norms"}, "squared_distances_raw"))
                .addNode(node("Max", new String[] {"squared_distances_raw", "zero"}, "squared_distances"))
                .addNode(node("Mul", new String[] {"squared_distances", "minus_gamma"}, "exponent"))
                .addNode(node("Exp", new String[] {"exponent"}, "kernel"))
                .addNode(node("Gemm", new String[] {"kernel", "alphas"}, "support"))
                .addNode(node("Sub", new String[] {"rho", "support"}, OUTPUT))
                .build();
        return OnnxProtos.model(graph, domain, false);
    }

    private static OnnxMl.NodeProto node(String op, String[] inputs, String output, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_" + op.toLowerCase())
                .addOutput(output);
        for (String in : inputs) {
            b.addInput(in);
        }
        for (OnnxMl.AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return b.build();
    }

    private static OnnxMl.AttributeProto floatAttr(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static OnnxMl.AttributeProto intAttr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static OnnxMl.TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        bytes.flip();
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes));
        for (long dim : dims) {
            b.addDims(dim);
        }
        return b.build();
    }
}
