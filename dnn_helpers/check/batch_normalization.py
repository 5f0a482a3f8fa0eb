"""The catalogue of dh.check for notebook 16_batch_normalization: batchnorm_forward (train mode) and
batchnorm_backward (the compact form).

Mistakes are tried in the order written here, so the specific ones come before the general ones. The references are
``dnn_helpers.batchnorm``'s functions; dgamma and dbeta are the paper's sums over the batch.
"""

import numpy as np

from .. import batchnorm
from .engine import Case, exercise, mistake

NOTEBOOK = "16"
ORDER = ("batchnorm_forward", "batchnorm_backward")


def gen(seed):
    return np.random.default_rng(seed)


# --- inputs -------------------------------------------------------------------------------------------------------

def _layer(seed, n, m, spread=3.0):
    """Z (n, m) far from mean 0 / variance 1 (so that a missing step shows), gamma and beta (n, 1) far from 1 and 0."""
    r = gen(seed)
    Z = r.standard_normal((n, m)) * spread + r.normal(0, 2, (n, 1))
    gamma = r.uniform(0.5, 2.0, (n, 1)) * r.choice([-1, 1], (n, 1))
    beta = r.normal(0, 1, (n, 1))
    return Z, gamma, beta


def forward_cases():
    Z1, g1, b1 = _layer(160, 4, 6)
    Z2, g2, b2 = _layer(161, 3, 5, spread=0.4)
    Z3, g3, b3 = _layer(162, 3, 1)
    Z4, g4, b4 = _layer(163, 2, 4)
    Z4[1] = 1.5                                           # a unit that is constant over the batch: variance 0
    Z5, g5, b5 = _layer(164, 1, 2)
    return [Case({"Z": Z1, "gamma": g1, "beta": b1}, m=6),
            Case({"Z": Z2, "gamma": g2, "beta": b2, "epsilon": 0.5}, m=5, label="epsilon = 0.5"),
            Case({"Z": Z3, "gamma": g3, "beta": b3}, m=1, label="m = 1"),
            Case({"Z": Z4, "gamma": g4, "beta": b4, "epsilon": 1e-5}, m=4, label="a unit constant over the batch"),
            Case({"Z": Z5, "gamma": g5, "beta": b5, "epsilon": 0.1}, m=2, label="m = 2, n = 1")]


@exercise("batchnorm_forward", outputs=("out", "cache"), reference=batchnorm.batchnorm_forward,
          covers="m = 1 and 2, a constant unit, epsilon = 0.5, float32, inputs unchanged")
def _batchnorm_forward_cases():
    return forward_cases()


def _finish(Z, gamma, beta, epsilon, mu, var, std, Z_hat, out=None):
    out = gamma * Z_hat + beta if out is None else out
    return out, {"Z_hat": Z_hat, "Z_centered": Z - mu, "mu": mu, "var": var, "std": std, "gamma": gamma,
                 "epsilon": epsilon}


def _right_statistics(Z, epsilon):
    """mu, var, std and Z_hat as the course computes them (for the mistakes made after them)."""
    mu, var = _statistics(Z)
    std = np.sqrt(var + epsilon)
    return mu, var, std, (Z - mu) / std


def _statistics(Z, axis=1, ddof=0):
    mu = Z.mean(axis=axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = ((Z - mu) ** 2).sum(axis=axis, keepdims=True) / (Z.shape[axis] - ddof)
    return mu, var


@mistake("batchnorm_forward", "the batch variance divides by m - 1 (ddof=1): divide by m, as np.var does by default "
                              "and as the paper's Algorithm 1 does, sigma_B^2 = (1/m) sum (x_i - mu_B)^2")
def variance_divided_by_m_minus_1(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        std = np.sqrt(var + epsilon)
        return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "the statistics are taken over a column (axis=0, the units of one example): a unit's "
                              "mean and variance run over the batch, along its row, axis=1 with keepdims=True")
def statistics_over_the_wrong_axis(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z, axis=0)
    std = np.sqrt(var + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "the mean and variance are those of the whole array: each unit (row) has its own, "
                              "np.mean(Z, axis=1, keepdims=True)")
def statistics_of_the_whole_array(Z, gamma, beta, epsilon=1e-5):
    mu = np.full((Z.shape[0], 1), Z.mean(), Z.dtype)
    var = np.full((Z.shape[0], 1), ((Z - Z.mean()) ** 2).mean(), Z.dtype)
    std = np.sqrt(var + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "epsilon goes inside the square root, np.sqrt(var + epsilon), not after it: "
                              "np.sqrt(var) + epsilon")
def epsilon_outside_the_square_root(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z)
    std = np.sqrt(var) + epsilon
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "Z_hat divides by the standard deviation plus epsilon: epsilon goes inside the square "
                              "root, Z_hat = (Z - mu) / np.sqrt(var + epsilon)")
def epsilon_added_to_the_standard_deviation(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z)
    Z_hat = (Z - mu) / (np.sqrt(var) + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, np.sqrt(var + epsilon), Z_hat)


@mistake("batchnorm_forward", "epsilon is missing: divide by np.sqrt(var + epsilon), which stays finite when a unit "
                              "is constant over the batch (var = 0) or m = 1")
def epsilon_missing(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z)
    with np.errstate(divide="ignore", invalid="ignore"):
        std = np.sqrt(var)
        return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "Z - mu is divided by the variance: divide by the standard deviation, "
                              "np.sqrt(var + epsilon)")
def divided_by_the_variance(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z)
    std = var + epsilon
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "gamma and beta are swapped: out = gamma * Z_hat + beta, gamma the scale and beta "
                              "the shift")
def gamma_and_beta_swapped(Z, gamma, beta, epsilon=1e-5):
    mu, var, std, Z_hat = _right_statistics(Z, epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, Z_hat, beta * Z_hat + gamma)


@mistake("batchnorm_forward", "out is Z_hat alone: scale and shift it, out = gamma * Z_hat + beta (gamma and beta "
                              "let the layer undo the normalization where that helps)")
def gamma_and_beta_not_applied(Z, gamma, beta, epsilon=1e-5):
    mu, var, std, Z_hat = _right_statistics(Z, epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, Z_hat, Z_hat)


@mistake("batchnorm_forward", "gamma and beta scale and shift Z itself: they apply to the normalized "
                              "Z_hat = (Z - mu) / np.sqrt(var + epsilon)")
def gamma_and_beta_applied_to_Z(Z, gamma, beta, epsilon=1e-5):
    mu, var, std, Z_hat = _right_statistics(Z, epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, Z_hat, gamma * Z + beta)


@mistake("batchnorm_forward", "Z is divided by the standard deviation without subtracting the mean first: "
                              "Z_hat = (Z - mu) / np.sqrt(var + epsilon)")
def mean_not_subtracted(Z, gamma, beta, epsilon=1e-5):
    mu, var = _statistics(Z)
    std = np.sqrt(var + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, Z / std)


@mistake("batchnorm_forward", "the variance is the mean of the squares, np.mean(Z ** 2, ...): it is the mean of the "
                              "squared deviations from the mean, np.mean((Z - mu) ** 2, axis=1, keepdims=True)")
def variance_without_centering(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = (Z ** 2).mean(axis=1, keepdims=True)
    std = np.sqrt(var + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


@mistake("batchnorm_forward", "the mean and variance have shape (n,) (keepdims is missing), so they broadcast along "
                              "the wrong axis: use axis=1, keepdims=True for (n, 1) columns")
def keepdims_missing(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1)
    var = ((Z - mu) ** 2).mean(axis=1)
    std = np.sqrt(var + epsilon)
    return _finish(Z, gamma, beta, epsilon, mu, var, std, (Z - mu) / std)


# --- batchnorm_backward -------------------------------------------------------------------------------------------

def backward_cases():
    cases = []
    for seed, (n, m), epsilon, label in ((170, (4, 6), 1e-5, ""), (171, (3, 5), 0.5, "epsilon = 0.5"),
                                         (172, (3, 1), 1e-5, "m = 1"), (173, (2, 2), 0.1, "m = 2")):
        Z, gamma, beta = _layer(seed, n, m)
        _, cache = batchnorm.batchnorm_forward(Z, gamma, beta, epsilon)
        dout = gen(seed + 50).standard_normal((n, m))
        cases.append(Case({"dout": dout, "cache": cache}, m=m, label=label))
    return cases


@exercise("batchnorm_backward", outputs=("dZ", "dgamma", "dbeta"), reference=batchnorm.batchnorm_backward,
          covers="m = 1 and 2, epsilon = 0.5, float32, inputs unchanged")
def _batchnorm_backward_cases():
    return backward_cases()


def _parts(dout, cache):
    m = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * cache["Z_hat"]).sum(axis=1, keepdims=True)
    return m, cache["gamma"], cache["std"], cache["Z_hat"], dgamma, dbeta


@mistake("batchnorm_backward", "dgamma and dbeta are averaged over the batch: the course (and the paper) sum them, "
                               "np.sum(dout * Z_hat, axis=1, keepdims=True) and np.sum(dout, axis=1, keepdims=True); "
                               "the 1/m of the mean cost comes later, beside dW's")
def dgamma_dbeta_averaged(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma / m, dbeta / m


@mistake("batchnorm_backward", "dgamma and dbeta are (n, 1), like gamma and beta: sum with keepdims=True, "
                               "np.sum(dout, axis=1, keepdims=True)")
def sums_without_keepdims(dout, cache):
    m, gamma, std, Z_hat, _, _ = _parts(dout, cache)
    dbeta, dgamma = np.sum(dout, axis=1), np.sum(dout * Z_hat, axis=1)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "dZ = gamma * dout / std treats mu and var as constants: both depend on every example "
                               "of the batch, dZ = (gamma / std / m) (m dout - dbeta - Z_hat * dgamma)")
def mean_and_variance_treated_as_constants(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma * dout / std, dgamma, dbeta


@mistake("batchnorm_backward", "the path through the mean is missing (the - dbeta term): dZ = (gamma / std / m) "
                               "(m dout - dbeta - Z_hat * dgamma)")
def path_through_the_mean_missing(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std / m * (m * dout - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "the path through the variance is missing (the - Z_hat * dgamma term): dZ = "
                               "(gamma / std / m) (m dout - dbeta - Z_hat * dgamma)")
def path_through_the_variance_missing(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std / m * (m * dout - dbeta), dgamma, dbeta


@mistake("batchnorm_backward", "dZ lacks the factor gamma: out = gamma * Z_hat + beta, so dZ_hat = gamma * dout")
def gamma_factor_missing(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return 1 / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "dZ subtracts the sums dbeta and Z_hat * dgamma at full size: they are averaged, "
                               "dZ = (gamma / std) (dout - dbeta / m - Z_hat * dgamma / m)")
def sums_not_divided_by_m(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std * (dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "dZ is divided by the variance: the factor is 1 / std = 1 / np.sqrt(var + epsilon), "
                               "cache['std']")
def divided_by_the_variance_backward(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std ** 2 / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "the standard deviation is recomputed without epsilon: use cache['std'], which is "
                               "np.sqrt(var + epsilon), the number the forward pass divided by")
def standard_deviation_without_epsilon(dout, cache):
    m, gamma, _, Z_hat, dgamma, dbeta = _parts(dout, cache)
    with np.errstate(divide="ignore", invalid="ignore"):
        return gamma / np.sqrt(cache["var"]) / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "dgamma multiplies dout by Z - mu: gamma scales the normalized Z_hat, so "
                               "dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)")
def dgamma_from_the_centred_Z(dout, cache):
    m, gamma, std, Z_hat, _, dbeta = _parts(dout, cache)
    dgamma = (dout * cache["Z_centered"]).sum(axis=1, keepdims=True)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "the sums run over a column (axis=0): dgamma and dbeta sum a unit's row over the "
                               "batch, axis=1 with keepdims=True")
def sums_over_the_wrong_axis(dout, cache):
    m, gamma, std, Z_hat = dout.shape[1], cache["gamma"], cache["std"], cache["Z_hat"]
    dbeta = dout.sum(axis=0, keepdims=True)
    dgamma = (dout * Z_hat).sum(axis=0, keepdims=True)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta


@mistake("batchnorm_backward", "the variance term has the wrong sign: dZ = (gamma / std / m) "
                               "(m dout - dbeta - Z_hat * dgamma), minus both sums")
def variance_term_sign_flipped(dout, cache):
    m, gamma, std, Z_hat, dgamma, dbeta = _parts(dout, cache)
    return gamma / std / m * (m * dout - dbeta + Z_hat * dgamma), dgamma, dbeta
