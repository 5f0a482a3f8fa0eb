"""How fast is one training iteration of L_layer_model, against the floor and against scikit-learn?

The workload is cat-shaped: X (12288, 209) (64x64x3 images, 209 of them), layers [12288, 20, 7, 5, 1], one
BLAS thread. In the same run, side by side, it times:
- the floor: only the matrix products one iteration needs (forward W[l] A[l-1]; backward dZ[l] A[l-1]^T
  and, for l >= 2, W[l]^T dZ[l]), done with plain numpy;
- dnn_helpers.L_layer_model, in float64 and float32;
- scikit-learn's MLPClassifier with the same network and plain full-batch gradient descent (sgd, batch = m,
  no momentum, alpha = 0).
and prints time per iteration, the ratios, and the peak memory each allocates (tracemalloc).

Usage: python benchmarks/bench_training.py [--iterations N] [--repeats R]
"""

import argparse
import time
import tracemalloc
import warnings

import numpy as np
from threadpoolctl import threadpool_limits

import dnn_helpers as dh

LAYERS = [12288, 20, 7, 5, 1]
M = 209


def workload(dtype=np.float64):
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (LAYERS[0], M)).astype(dtype)
    Y = rng.integers(0, 2, (1, M))
    return X, Y


def floor_iteration(X, parameters):
    """The matrix products of one iteration, nothing else."""
    L = len(parameters) // 2
    A = [X]
    for l in range(1, L + 1):
        A.append(parameters[f"W{l}"] @ A[l - 1])
    dZ = A[L]
    for l in range(L, 0, -1):
        dZ @ A[l - 1].T
        if l > 1:
            dZ = parameters[f"W{l}"].T @ dZ


def best_time(run, repeats):
    """Best wall time of ``repeats`` calls of run()."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(run):
    """Peak bytes allocated (as tracemalloc sees numpy's allocations) while run() runs."""
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def sklearn_runner(X, Y, iterations):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    Xs, ys = np.ascontiguousarray(X.T), Y.ravel()

    def run():
        net = MLPClassifier(hidden_layer_sizes=LAYERS[1:-1], activation="relu", solver="sgd", batch_size=M,
                            learning_rate_init=0.0075, momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                            max_iter=iterations, shuffle=False, tol=0.0, n_iter_no_change=10**9,
                            random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            net.fit(Xs, ys)
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    n, r = args.iterations, args.repeats
    X, Y = workload()
    X32, _ = workload(np.float32)
    parameters = dh.initialize_parameters_deep(LAYERS, seed=1, method="xavier")
    runs = {
        "floor: matrix products only (float64)": lambda: [floor_iteration(X, parameters) for _ in range(n)],
        "dnn_helpers.L_layer_model (float64)": lambda: dh.L_layer_model(X, Y, LAYERS, num_iterations=n),
        "dnn_helpers.L_layer_model (float32)": lambda: dh.L_layer_model(X32, Y, LAYERS, num_iterations=n),
        "scikit-learn MLPClassifier (float64)": sklearn_runner(X, Y, n),
    }
    with threadpool_limits(limits=1, user_api="blas"):
        results = {}
        for name, run in runs.items():
            run()  # warm up
            results[name] = (best_time(run, r) / n, peak_memory(run))
    floor = results["floor: matrix products only (float64)"][0]
    sklearn = results["scikit-learn MLPClassifier (float64)"][0]
    print(f"workload: X {X.shape}, layers {LAYERS}, 1 BLAS thread, {n} iterations, best of {r}")
    print(f"{'':40s} {'ms/iter':>8s} {'x floor':>8s} {'x sklearn':>9s} {'peak MB':>8s}")
    for name, (seconds, peak) in results.items():
        print(f"{name:40s} {seconds * 1e3:8.2f} {seconds / floor:8.2f} {seconds / sklearn:9.2f} {peak / 1e6:8.1f}")
    params32, _ = dh.L_layer_model(X32, Y, LAYERS, num_iterations=1)
    print(f"float32 data trains in {params32['W1'].dtype}")


if __name__ == "__main__":
    main()
