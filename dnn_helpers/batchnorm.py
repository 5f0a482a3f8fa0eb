"""Batch normalization, the step of notebook 16: normalize each unit over the mini-batch, then scale and shift.

The course's convention holds: Z is (n, m), one column per example, so a unit's batch statistics are taken along
a row (axis=1, keepdims=True) and gamma, beta, the mean and the variance are columns (n, 1).

``batchnorm_forward`` is Algorithm 1 of Ioffe & Szegedy (2015), "Batch Normalization: Accelerating Deep Network
Training by Reducing Internal Covariate Shift". The paper's symbols map to ours as follows, for each unit (row):

    paper         here                 shape
    x_i           Z[:, i]              one column (example) of Z (n, m)
    mu_B          mu                   (n, 1)  the batch mean, (1/m) sum_i Z[:, i]
    sigma_B^2     var                  (n, 1)  the biased batch variance, (1/m) sum_i (Z[:, i] - mu)^2
    x_hat_i       Z_hat[:, i]          (n, m)  (Z - mu) / sqrt(var + epsilon)
    gamma, beta   gamma, beta          (n, 1)  the learned scale and shift
    y_i           out[:, i]            (n, m)  gamma * Z_hat + beta
    epsilon       epsilon              a number > 0 that keeps the division finite

``batchnorm_inference`` is the inference transform of the paper's Algorithm 2 (step 11): the batch statistics
are replaced by fixed population estimates E[x] (running_mean) and Var[x] (running_var), so that an example's
output no longer depends on the other examples of its batch. Two choices differ from Algorithm 2, as in most
implementations: the estimates are exponential moving averages updated after each training step
(``update_running``; the paper mentions moving averages in its section 3.1, and its Algorithm 2 averages over
all mini-batches after training), and they average the biased batch variance, without Algorithm 2's factor
m / (m - 1) (a factor close to 1 for the batch sizes that batch normalization needs, and undefined for m = 1).

``batchnorm_backward`` and ``batchnorm_backward_graph`` are the same gradient, written in the compact form and
node by node on the computational graph. They follow the course's convention for gradients (notebook 04): dout
and dZ hold each example's derivative dL/d(.). dgamma and dbeta are the sums over the batch that the paper's
back-propagation formulas give (dl/dgamma = sum_i dl/dy_i * x_hat_i, dl/dbeta = sum_i dl/dy_i), so every
gradient here is the derivative of the one loss sum_i L_i; a network that averages its cost over the m examples
divides dgamma and dbeta by m, as ``backward.linear_backward`` does for dW and db.

All functions are pure (they return new arrays and never modify their inputs) and keep the dtype (float32 in,
float32 out).
"""

import numpy as np

from .validation import as_matrix, check_beta, check_finite, check_positive, checked, describe

CACHE_KEYS = ("Z_hat", "Z_centered", "mu", "var", "std", "gamma", "epsilon")


# --- input checks (outside the maths) -----------------------------------------------------------------------------

def check_column(value, name, Z, meaning):
    """Return ``value`` as a finite (n, 1) column that fits Z (n, m): one number per unit (row) of Z."""
    n = Z.shape[0]
    if getattr(value, "ndim", None) == 1:
        raise ValueError(f"{name} has shape {value.shape}, but it must be a column (n, 1) = ({n}, 1), {meaning}; "
                         f"a 1-D {name} would broadcast the wrong way: use {name}.reshape(-1, 1)")
    value = as_matrix(value, name)
    if value.shape != (n, 1):
        hint = (f" Z has shape {Z.shape}: it looks transposed; Z must be (n, m), one column per example (use Z.T)."
                if value.shape == (Z.shape[1], 1) and Z.shape[1] != n else "")
        raise ValueError(f"{name} has shape {value.shape}, but Z has n = {n} rows, so {name} must be (n, 1) = "
                         f"({n}, 1), {meaning}.{hint}")
    check_finite(value, name)
    return value


def check_batchnorm_inputs(Z, gamma, beta, epsilon):
    """Check Z (n, m) with m >= 1, gamma and beta (n, 1), epsilon > 0; return them as arrays and a float."""
    Z = as_matrix(Z, "Z")  # refuses 1-D and empty arrays (m = 0 examples)
    check_finite(Z, "Z")
    gamma = check_column(gamma, "gamma", Z, "one scale per unit (row of Z)")
    beta = check_column(beta, "beta", Z, "one shift per unit (row of Z)")
    epsilon = check_positive(epsilon, "epsilon")
    return Z, gamma, beta, epsilon


def check_variances(var, name):
    """Raise unless the (n, 1) column ``var`` holds variances, i.e. numbers >= 0."""
    if (var < 0).any():
        row = int(np.argmax(var[:, 0] < 0))
        raise ValueError(f"{name} must hold variances, numbers >= 0, but row {row} holds {var[row, 0]:.4g}; "
                         f"pass the var of a batchnorm_forward cache, or the running_var of update_running")


def check_batchnorm_cache(cache, dout):
    """Check the cache of ``batchnorm_forward`` against dout (n, m); return dout as an array."""
    if not isinstance(cache, dict) or not set(CACHE_KEYS) <= set(cache):
        raise TypeError(f"cache must be the dict that batchnorm_forward returned (keys {', '.join(CACHE_KEYS)}); "
                        f"got {describe(cache)}")
    dout = as_matrix(dout, "dout")
    expected = cache["Z_hat"].shape
    if dout.shape != expected:
        raise ValueError(f"dout has shape {dout.shape}, but the layer's output is (n, m) = {expected}: dout holds "
                         f"one derivative per entry of out; pass the cache of the same forward call")
    check_finite(dout, "dout")
    return dout


# --- train mode: Algorithm 1 --------------------------------------------------------------------------------------

def _check_forward(args):
    args["Z"], args["gamma"], args["beta"], args["epsilon"] = check_batchnorm_inputs(
        args["Z"], args["gamma"], args["beta"], args["epsilon"])


def _finite_variance(result, args, given):
    """A batch variance that overflowed (run quietly) is a teaching error, never inf or a RuntimeWarning."""
    out, cache = result
    if not np.isfinite(cache["var"]).all():
        raise ValueError(f"Z's values are too spread out for {args['Z'].dtype}: the batch variance of a row overflows "
                         f"(the largest |Z - mu| is {np.abs(cache['Z_centered']).max():.3g}); scale the inputs down")
    return out, cache


@checked(_check_forward, after=_finite_variance, quiet=True)
def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    """Batch normalization in train mode: normalize each unit with the statistics of this batch.

    Taught in notebooks/16_batch_normalization.ipynb.
    Z: (n, m), one column per example; gamma, beta: (n, 1); epsilon: a number > 0.
        mu    = (1/m) sum_i Z[:, i]                     (n, 1)
        var   = (1/m) sum_i (Z[:, i] - mu)^2            (n, 1), the biased batch variance
        Z_hat = (Z - mu) / sqrt(var + epsilon)          (n, m)
        out   = gamma * Z_hat + beta                    (n, m)
    Returns (out, cache); cache is a dict with Z_hat (n, m), Z_centered = Z - mu (n, m), mu (n, 1), var (n, 1),
    std = sqrt(var + epsilon) (n, 1), gamma (n, 1) and epsilon, all that the backward pass and ``update_running``
    need. With m = 1 the variance is 0, Z_hat is 0 and out is beta, whatever Z holds (see ``batchnorm_inference``).
    """
    m = Z.shape[1]
    mu = np.sum(Z, axis=1, keepdims=True) / m
    Z_centered = Z - mu
    var = np.sum(Z_centered ** 2, axis=1, keepdims=True) / m
    std = np.sqrt(var + epsilon)
    Z_hat = Z_centered / std
    out = gamma * Z_hat + beta
    cache = {"Z_hat": Z_hat, "Z_centered": Z_centered, "mu": mu, "var": var, "std": std, "gamma": gamma,
             "epsilon": epsilon}
    return out, cache


def _check_backward(args):
    args["dout"] = check_batchnorm_cache(args["cache"], args["dout"])


@checked(_check_backward)
def batchnorm_backward(dout, cache):
    """The gradients of batch normalization (train mode), in the compact form.

    Taught in notebooks/16_batch_normalization.ipynb.
    dout: (n, m), each example's derivative dL/dout (= m dJ/dout for the mean cost J, the course's convention);
    cache: the dict from ``batchnorm_forward``. Returns (dZ, dgamma, dbeta):
        dbeta  = sum_i dout[:, i]                                         (n, 1)
        dgamma = sum_i dout[:, i] * Z_hat[:, i]                           (n, 1)
        dZ     = (1/m) gamma / std * (m dout - dbeta - Z_hat * dgamma)    (n, m)
    with std = sqrt(var + epsilon): the paper's formulas, the derivatives of the loss sum_i L_i. dZ keeps dout's
    per-example convention, ready for ``linear_backward``; for the mean cost J = (1/m) sum_i L_i, the parameter
    gradients are dgamma / m and dbeta / m (the 1/m that ``linear_backward`` puts in dW and db).
    """
    Z_hat, std, gamma = cache["Z_hat"], cache["std"], cache["gamma"]
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std / m * (m * dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta


@checked(_check_backward)
def batchnorm_backward_graph(dout, cache):
    """The same gradients as ``batchnorm_backward``, node by node on the computational graph of the forward pass.

    The forward pass as a graph (each line one node; the backward pass visits them from the bottom up):
        1. mu    = (1/m) sum_i Z[:, i]        (n, 1)
        2. Zc    = Z - mu                     (n, m)   Zc feeds nodes 3 and 7: its gradients add up
        3. sq    = Zc ** 2                    (n, m)
        4. var   = (1/m) sum_i sq[:, i]       (n, 1)
        5. std   = sqrt(var + epsilon)        (n, 1)
        6. istd  = 1 / std                    (n, 1)
        7. Z_hat = Zc * istd                  (n, m)   istd is broadcast over the m columns: its gradient sums
        8. gZ    = gamma * Z_hat              (n, m)
        9. out   = gZ + beta                  (n, m)
    dout: (n, m), each example's derivative (as in ``batchnorm_backward``); cache from ``batchnorm_forward``.
    Returns (dZ (n, m), dgamma (n, 1), dbeta (n, 1)), the sums over the batch as in ``batchnorm_backward``.
    Shown in notebooks/16_batch_normalization.ipynb (the table of nodes).
    """
    Z_hat, Zc, std, gamma = cache["Z_hat"], cache["Z_centered"], cache["std"], cache["gamma"]
    m = dout.shape[1]
    istd = 1 / std
    # 9. out = gZ + beta
    dgZ = dout
    dbeta_sum = np.sum(dout, axis=1, keepdims=True)
    # 8. gZ = gamma * Z_hat
    dgamma_sum = np.sum(dgZ * Z_hat, axis=1, keepdims=True)
    dZ_hat = gamma * dgZ
    # 7. Z_hat = Zc * istd
    distd = np.sum(dZ_hat * Zc, axis=1, keepdims=True)
    dZc_from_Z_hat = dZ_hat * istd
    # 6. istd = 1 / std
    dstd = -distd / std ** 2
    # 5. std = sqrt(var + epsilon)
    dvar = dstd / (2 * std)
    # 4. var = (1/m) sum_i sq[:, i]
    dsq = np.ones_like(dout) * dvar / m
    # 3. sq = Zc ** 2
    dZc_from_sq = 2 * Zc * dsq
    # 2. Zc = Z - mu
    dZc = dZc_from_Z_hat + dZc_from_sq
    dmu = -np.sum(dZc, axis=1, keepdims=True)
    dZ_from_Zc = dZc
    # 1. mu = (1/m) sum_i Z[:, i]
    dZ = dZ_from_Zc + np.ones_like(dout) * dmu / m
    return dZ, dgamma_sum, dbeta_sum


# --- prediction: running averages and Algorithm 2 -----------------------------------------------------------------

def update_running(running_mean, running_var, mu, var, momentum=0.9):
    """The exponential moving averages of the batch statistics, after one training step.

    running_mean, running_var: (n, 1), the averages so far (start from zeros and ones); mu, var: (n, 1), this
    batch's mean and variance (cache["mu"], cache["var"] of ``batchnorm_forward``); momentum in [0, 1).
        running_mean_new = momentum * running_mean + (1 - momentum) * mu
        running_var_new  = momentum * running_var  + (1 - momentum) * var
    Returns (running_mean_new, running_var_new), new (n, 1) arrays; the inputs are not modified.
    """
    momentum = check_beta(momentum, "momentum")
    running_mean = as_matrix(running_mean, "running_mean")
    if running_mean.shape[1] != 1:
        raise ValueError(f"running_mean has shape {running_mean.shape}, but it must be a column (n, 1), one mean "
                         f"per unit")
    running_var, mu, var = as_matrix(running_var, "running_var"), as_matrix(mu, "mu"), as_matrix(var, "var")
    for name, value in (("running_var", running_var), ("mu", mu), ("var", var)):
        if value.shape != running_mean.shape:
            raise ValueError(f"{name} has shape {value.shape}, but running_mean is {running_mean.shape}: "
                             f"running_mean, running_var, mu and var are all (n, 1), one number per unit")
    for name, value in (("running_mean", running_mean), ("running_var", running_var), ("mu", mu), ("var", var)):
        check_finite(value, name)
    check_variances(running_var, "running_var")
    check_variances(var, "var")
    running_mean_new = momentum * running_mean + (1 - momentum) * mu
    running_var_new = momentum * running_var + (1 - momentum) * var
    return running_mean_new, running_var_new


def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    """Batch normalization at prediction time: normalize with fixed statistics, one example at a time.

    Z: (n, m); gamma, beta, running_mean, running_var: (n, 1); epsilon > 0 (the value used in training).
        out = gamma * (Z - running_mean) / sqrt(running_var + epsilon) + beta                  (n, m)
    which is Algorithm 2's y = gamma / sqrt(Var[x] + eps) * x + (beta - gamma E[x] / sqrt(Var[x] + eps)).
    Each column of out depends on its own column of Z only, so a batch of one example gets its true output.
    """
    Z, gamma, beta, epsilon = check_batchnorm_inputs(Z, gamma, beta, epsilon)
    running_mean = check_column(running_mean, "running_mean", Z, "one mean per unit (row of Z)")
    running_var = check_column(running_var, "running_var", Z, "one variance per unit (row of Z)")
    check_variances(running_var, "running_var")
    return gamma * (Z - running_mean) / np.sqrt(running_var + epsilon) + beta
