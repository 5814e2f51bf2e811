"""The peer a data scientist would deploy: the shop's churn model as a scikit-learn model.

The churn model is a logistic regression, so its exact coefficients can be read off the ONNX
model (the Java side probes it) and set on scikit-learn's LogisticRegression: the same model,
the same rows, another runtime. Used by BenchmarkCommand; needs Debian's python3-sklearn.

  sklearn_peer.py build   <weights.json> <model.pkl> <rows.csv>   parity against ONNX Runtime
  sklearn_peer.py latency <model.pkl> <rows.csv> <n>              one-row predict_proba timings
  sklearn_peer.py cold    <model.pkl> <rows.csv>                  load and score one row (a fresh process)
"""
import json
import sys
import time


def read_rows(path):
    import numpy as np
    data = np.genfromtxt(path, delimiter=",", skip_header=1)
    return data[:, :-2], data[:, -1]  # features; ONNX Runtime's probability (the label is left out)


def build(weights_path, model_path, rows_path):
    import pickle
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    w = json.load(open(weights_path))
    model = LogisticRegression()
    model.classes_ = np.array([0, 1])
    model.coef_ = np.array([w["coefficients"]], dtype=np.float64)
    model.intercept_ = np.array([w["intercept"]], dtype=np.float64)
    model.n_features_in_ = len(w["coefficients"])
    with open(model_path, "wb") as f:
        pickle.dump(model, f)
    x, onnx_p = read_rows(rows_path)
    p = model.predict_proba(x)[:, 1]
    print(json.dumps({"rows": int(len(p)), "maxAbsDiff": float(np.max(np.abs(p - onnx_p)))}))


def latency(model_path, rows_path, n):
    import pickle
    with open(model_path, "rb") as f:
        model = pickle.load(f)
    x, _ = read_rows(rows_path)
    rows = [x[i:i + 1] for i in range(len(x))]
    for i in range(1000):
        model.predict_proba(rows[i % len(rows)])
    times = []
    for i in range(n):
        start = time.perf_counter_ns()
        model.predict_proba(rows[i % len(rows)])
        times.append((time.perf_counter_ns() - start) / 1000.0)
    print(json.dumps({"micros": times}))


def cold(model_path, rows_path):
    import pickle
    import numpy as np  # what a scoring process imports
    with open(model_path, "rb") as f:
        model = pickle.load(f)
    with open(rows_path) as f:
        f.readline()
        first = np.array([[float(v) for v in f.readline().split(",")[:-2]]])
    print("p=%f" % model.predict_proba(first)[0, 1], flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "build":
        build(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "latency":
        latency(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "cold":
        cold(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown mode " + mode)
