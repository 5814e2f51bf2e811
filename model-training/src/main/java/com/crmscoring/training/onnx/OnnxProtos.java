package com.crmscoring.training.onnx;

import ai.onnx.proto.OnnxMl;

/** Small builders for the ONNX graphs this project writes by hand (trees, one-class SVM). */
public final class OnnxProtos {

    private OnnxProtos() {
    }

    /** A float tensor of shape [batch, width], for a graph's inputs and outputs. */
    public static OnnxMl.ValueInfoProto floatTensor(String name, int width) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width)))))
                .build();
    }

    /** A model around a graph, with the opsets it uses. */
    public static OnnxMl.ModelProto model(OnnxMl.GraphProto graph, String domain, boolean usesMlOperators) {
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("crm-scoring")
                .setDomain(domain)
                .setModelVersion(1)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13));
        if (usesMlOperators) {
            b.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1));
        }
        return b.setGraph(graph).build();
    }
}
