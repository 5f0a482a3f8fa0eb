"""The one home for input checks, so that bad input gets a teaching error, never a wrong answer.

Each check raises ``TypeError`` (wrong kind of thing) or ``ValueError`` (right kind, wrong value) whose message
names the argument, says what it got and what the course expects, in the course's notation (X is (n_x, m):
one column per example). Every check is cheap (shapes, a few numbers); the one that reads all the data,
``check_finite``, is called once per model call, never once per iteration.

Argument classes and their checks:

* arrays: ``as_array`` / ``as_matrix`` (numbers only; ints and bools become float64 once; nested lists are
  converted once; ``np.matrix`` becomes a plain ndarray so that ``*`` stays elementwise; no empty arrays),
  ``check_finite`` (NaN/inf), ``check_X_fits``, ``check_labels``;
* dicts of arrays: ``as_parameters`` / ``check_parameters`` (W1, b1, ..., WL, bL), ``as_grads`` (dW1, db1, ...
  shaped like their parameter: grads, and an optimizer's v or s);
* caches: ``check_linear_cache``, ``check_layer_cache``, ``check_caches``;
* scalars: ``as_number``, ``check_positive``, ``check_nonnegative``, ``check_beta``, ``check_keep_prob``,
  ``check_lambd``, ``check_count``, ``check_step``;
* seeds: ``check_seed`` and ``make_rng`` (a whole number >= 0 or a numpy Generator; None is refused, so that
  every run can be repeated);
* dtypes: ``check_float_dtype``; option strings: ``check_choice``, ``check_activation``; paths: ``check_path``.

Scalars come back as Python floats: numpy's float64 scalars would silently turn float32 arrays into float64.

The step functions' bodies are the maths the notebooks teach, word for word; their checks are applied from outside
by the decorator ``checked``, once per outer call (a composite such as L_model_forward does not re-check what it
hands its parts).
"""

import functools
import inspect
import os
import re
import threading

import numpy as np

from .activations import ACTIVATIONS, as_float  # the one activation table (validation reads its names)

# The one entry of a parameters dict that is not an array: the name of the hidden activation the network was
# trained with, when it is not ReLU (see ``forward.Parameters``). It lives in the dict itself, so every copy keeps it.
ACTIVATION_KEY = "hidden_activation"


# --- the decorator: checks once per outer call, outside the maths -----------------------------------------------

_running = threading.local()   # .depth > 0 while a checked function runs in this thread


def checked(check=None, after=None, quiet=False, context=None):
    """Apply input checks to a public step function from outside, so that its body is the notebook's maths.

    check(args): args is the dict of the call's arguments by name (defaults filled in; ``args.passed`` names those
    the caller gave); it raises a teaching error for bad input and may replace values by their checked form, e.g.
    ``args["X"] = as_matrix(args["X"], "X")``.
    after(result, args, given) -> result: a look at the result (e.g. NaN in the output), with the checked
    arguments and the arguments as given (e.g. to give back the record that the check took out).
    quiet: run the body with numpy's floating-point warnings off (an error mode that raises stays raising);
    ``after`` then turns a NaN or inf result into a teaching error, so that no RuntimeWarning reaches the learner.
    context(args): a context manager to run the body in (e.g. one that turns an overflow into a teaching error).
    check and after run only on the outermost checked call: the calls that a checked function makes to other
    checked functions (its parts) run their bodies directly, because their inputs come from checked inputs.
    Functions that the caller hands in (a cost_function, a callback) are checked again: see ``checked_outside``.
    ``f.__wrapped__`` is the body alone.
    """
    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def entry(*args, **kwargs):
            if getattr(_running, "depth", 0):
                return function(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            passed = frozenset(bound.arguments)
            bound.apply_defaults()
            given = dict(bound.arguments)
            bound.arguments = Arguments(bound.arguments, passed)
            if check is not None:
                check(bound.arguments)
            _running.depth = 1
            try:
                if quiet or context is not None:
                    with _warnings_off() if quiet else context(bound.arguments):
                        result = function(*bound.args, **bound.kwargs)
                else:
                    result = function(*bound.args, **bound.kwargs)
            finally:
                _running.depth = 0
            return result if after is None else after(result, bound.arguments, given)
        # a code object of its own, named after the function: tracebacks read "in update_parameters", and a
        # learner's code that calls one checked function is not taken for a call of another (dh.check)
        entry.__code__ = entry.__code__.replace(co_name=function.__name__, co_qualname=function.__qualname__)
        return entry
    return decorate


class Arguments(dict):
    """A call's arguments by name, defaults filled in; ``passed``: the names the caller gave."""

    def __init__(self, values, passed):
        super().__init__(values)
        self.passed = passed


def _warnings_off():
    """numpy's floating-point warnings off; a mode that raises (a training loop's overflow check) keeps raising."""
    return np.errstate(**{kind: "raise" if mode == "raise" else "ignore" for kind, mode in np.geterr().items()})


def checked_outside(function):
    """``function`` (a caller's cost_function or callback) run as an outer call: the package functions that it
    calls check their inputs again, since they do not come from a checked call."""
    @functools.wraps(function)
    def outside(*args, **kwargs):
        depth = getattr(_running, "depth", 0)
        _running.depth = 0
        try:
            return function(*args, **kwargs)
        finally:
            _running.depth = depth
    return outside


def describe(value):
    """A short description of ``value`` for an error message: an array's shape and dtype, else a short repr."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (tuple, list, dict)) and any(isinstance(item, np.ndarray) for item in
                                                      (value.values() if isinstance(value, dict) else value)):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    text = " ".join(repr(value).split())
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


# --- arrays -------------------------------------------------------------------------------------------------------

def as_array(value, name, ndim=None, keep_ints=False, allow_empty=False):
    """Return ``value`` as a plain numeric ndarray, converted at most once.

    Nested lists and other array-likes are converted; ``np.matrix`` becomes an ndarray (whose ``*`` is
    elementwise); int and bool arrays become float64 unless ``keep_ints``; float arrays keep their dtype.
    Raises a teaching error for non-numbers (strings, None, objects, ragged lists, complex numbers), masked
    arrays, the wrong number of dimensions (if ``ndim`` is given) and, unless ``allow_empty``, empty arrays.
    """
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(f"{name} is a masked array; fill or drop the masked values first, e.g. "
                        f"{name}.filled(0) or a plain numpy array")
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be a numeric array; got {describe(value)}")
    if type(value) is not np.ndarray:  # lists, tuples, np.matrix and other subclasses, pandas objects ...
        try:
            value = np.asarray(value)
        except (TypeError, ValueError) as err:  # ragged nested lists and the like
            raise TypeError(f"{name} must be a numeric array, e.g. a nested list whose rows all have the same "
                            f"length; could not convert it ({err})") from None
        if type(value) is not np.ndarray:  # np.asarray keeps subclasses such as np.matrix
            value = value.view(np.ndarray)
    if value.dtype.kind not in "fiub":
        hint = (" (a ragged nested list, or one holding None or strings?)" if value.dtype.kind == "O"
                else "; use the real part or the magnitude" if value.dtype.kind == "c"
                else f"; convert it first, e.g. {name}.astype(float)")
        raise TypeError(f"{name} must hold real numbers, but its dtype is {value.dtype}{hint}")
    if ndim is not None and value.ndim != ndim:
        if ndim == 2:
            raise ValueError(f"{name} must be 2-D, but it has shape {value.shape}; the course keeps every "
                             f"matrix 2-D, e.g. a vector of m values as (1, m) and a bias as (n, 1)")
        raise ValueError(f"{name} must have {ndim} dimension(s), but it has shape {value.shape}")
    if value.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {value.shape}); "
                         + ("it has m = 0 columns, i.e. no examples: check the split or the slice that made it"
                            if value.ndim == 2 and value.shape[1] == 0 else "it must hold at least one number"))
    return value if keep_ints else as_float(value)     # ints and bools become float64, floats stay as they are


def as_matrix(value, name):
    """Return ``value`` as a 2-D float array (see ``as_array``); int and bool arrays become float64."""
    return as_array(value, name, ndim=2)


def check_finite(value, name):
    """Raise if ``value`` holds NaN or inf (costs one pass over the data: call it once per model call)."""
    value = np.asarray(value)
    if not np.isfinite(value).all():
        bad = np.argwhere(~np.isfinite(value))
        where = (f"row {bad[0][0]}, column {bad[0][1]}" if value.ndim == 2
                 else f"index {tuple(int(i) for i in bad[0])}" if value.ndim else "its only value")
        raise ValueError(f"{name} contains {len(bad)} NaN or inf value(s), the first at {where}; "
                         f"remove or impute them first")


def check_X_fits(X, n_x, source, name="X"):
    """Raise a teaching error if X does not have n_x rows (the input size that ``source`` names)."""
    if X.shape[0] != n_x:
        hint = (" It looks transposed: did you pass (m, n_x)? Use X.T." if X.shape[1] == n_x
                else "")
        raise ValueError(f"{name} has {X.shape[0]} rows but {source} is {n_x}; {name} must be (n_x, m), "
                         f"one column per example.{hint}")


def check_labels(Y, m, name="Y"):
    """Return Y as a (1, m) array of 0/1 labels, one column per example of X (int and bool labels stay as given)."""
    Y = as_array(Y, name, keep_ints=True, allow_empty=True)
    if Y.ndim == 1 and Y.shape[0] == m:
        raise ValueError(f"{name} has shape {Y.shape}, but labels must be a row (1, m) = (1, {m}); "
                         f"use {name}.reshape(1, -1)")
    if Y.shape == (m, 1) and m != 1:
        raise ValueError(f"{name} has shape {Y.shape}: it looks transposed; labels must be (1, m) = (1, {m}), "
                         f"one column per example; use {name}.T")
    if Y.shape != (1, m):
        raise ValueError(f"{name} has shape {Y.shape}, but it must be (1, m) = (1, {m}): one label per column of X")
    if not np.isfinite(Y).all():
        raise ValueError(f"{name} contains NaN or inf; every label must be 0 or 1")
    if not np.isin(Y, (0, 1)).all():
        found = np.unique(Y[~np.isin(Y, (0, 1))])[:5]
        raise ValueError(f"{name} must hold only 0 and 1 for binary classification; found {found.tolist()}")
    return Y


def as_probabilities(AL, name="AL"):
    """Return AL as a 2-D float array of probabilities in [0, 1] (the sigmoid output), or raise a teaching error.

    A value outside [0, 1] usually means the output layer's sigmoid was forgotten (AL is then Z[L]).
    """
    AL = as_matrix(AL, name)
    inside = (AL >= 0) & (AL <= 1)
    if not inside.all():
        bad = AL[~inside]
        raise ValueError(f"{name} must hold probabilities in [0, 1] (the sigmoid output), but it holds "
                         f"{bad.size} value(s) outside, e.g. {bad.flat[0]:.4g}; did you forget the output "
                         f"layer's sigmoid (pass A[L], not Z[L])?")
    return AL


# --- dicts of arrays: parameters, grads, optimizer states ---------------------------------------------------------

_KEY = re.compile(r"^([Wb])([1-9][0-9]*)$")


def as_parameters(parameters, name="parameters"):
    """Check a ``W1, b1, ..., WL, bL`` dict (keys, 2-D numeric arrays whose shapes chain).

    The dict may also hold ``"hidden_activation"`` (ACTIVATION_KEY), the name of the activation the network was
    trained with; it is checked here and left out of the result.
    Returns (a new dict of plain float arrays W1, b1, ..., WL, bL, L). Lists and int arrays are converted; float
    arrays are the same objects as given (never copied, never modified).
    """
    if not isinstance(parameters, dict):
        raise TypeError(f"{name} must be a dict with keys 'W1', 'b1', ..., 'WL', 'bL'; got {describe(parameters)}")
    if ACTIVATION_KEY in parameters:
        check_activation(parameters[ACTIVATION_KEY], f"{name}[{ACTIVATION_KEY!r}]")
    bad = [key for key in parameters if key != ACTIVATION_KEY and not (isinstance(key, str) and _KEY.match(key))]
    if bad:
        raise ValueError(f"{name} has unexpected key(s) {bad}; expected only 'W1', 'b1', ..., 'WL', 'bL' (and "
                         f"{ACTIVATION_KEY!r}, the name of the hidden activation)")
    if not any(key != ACTIVATION_KEY for key in parameters):
        raise ValueError(f"{name} is empty; expected 'W1', 'b1', ..., 'WL', 'bL'")
    L = max(int(_KEY.match(key).group(2)) for key in parameters if key != ACTIVATION_KEY)
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            if key not in parameters:
                raise ValueError(f"{name} is missing {key!r}; a {L}-layer network needs W1, b1, ..., W{L}, b{L}")
    checked, previous = {}, None
    for l in range(1, L + 1):
        W = as_matrix(parameters[f"W{l}"], f"{name}['W{l}']")
        b = as_array(parameters[f"b{l}"], f"{name}['b{l}']")
        if b.ndim == 1:
            raise ValueError(f"{name}['b{l}'] is 1-D (shape {b.shape}), but it must be a column (n[{l}], 1) "
                             f"= ({W.shape[0]}, 1); a 1-D b broadcasts the wrong way: use b.reshape(-1, 1)")
        if b.ndim != 2:
            b = as_matrix(b, f"{name}['b{l}']")     # raises the teaching error for the wrong number of dimensions
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"{name}['b{l}'] has shape {b.shape}, but W{l} is {W.shape}, so b{l} must be "
                             f"(n[{l}], 1) = ({W.shape[0]}, 1)")
        if previous is not None and W.shape[1] != previous:
            raise ValueError(f"{name}['W{l}'] has shape {W.shape}, but layer {l - 1} has {previous} units, "
                             f"so W{l} must be (n[{l}], n[{l - 1}]) = ({W.shape[0]}, {previous})")
        previous = W.shape[0]
        checked[f"W{l}"], checked[f"b{l}"] = W, b
    return checked, L


def check_parameters(parameters, name="parameters"):
    """Check a ``W1, b1, ..., WL, bL`` dict (see ``as_parameters``). Return L, the number of layers."""
    return as_parameters(parameters, name)[1]


def check_finite_parameters(parameters, name="parameters"):
    """Raise if any W or b holds NaN or inf (one pass over the weights: for predict, save, load and a start)."""
    for key, value in parameters.items():
        if key != ACTIVATION_KEY and not np.isfinite(value).all():
            raise ValueError(f"{name}['{key}'] contains {int(np.sum(~np.isfinite(value)))} NaN or inf value(s); "
                             f"the network's numbers blew up (a diverged training?) or the file is damaged: "
                             f"train again, with a smaller learning_rate")


def as_grads(values, parameters, L, name="grads", starter=None):
    """Check a dict {"dW1", "db1", ..., "dWL", "dbL"} shaped exactly like ``parameters``; return it converted.

    The one check for grads and for the optimizers' states v and s (``starter``: the function that makes the
    state, e.g. "initialize_velocity", named in the error). Each value takes its parameter's dtype (so that
    float32 stays float32); the returned dict holds only the 2L keys (extra keys such as "dA0" are ignored).
    """
    hint = "L_model_backward's grads" if starter is None else f"{name} (start it with {starter}(parameters))"
    if not isinstance(values, dict):
        raise TypeError(f"{name} must be a dict with keys 'dW1', 'db1', ...; got {describe(values)}")
    listing = "dW1, db1" if L == 1 else f"dW1, db1, ..., dW{L}, db{L}"
    checked = {}
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            d_key = "d" + key
            if d_key not in values:
                raise ValueError(f"{name} is missing {d_key!r}; {hint} holds {listing}")
            value = as_array(values[d_key], f"{name}[{d_key!r}]", keep_ints=True)
            shape = parameters[key].shape
            if value.shape != shape:
                transposed = " (it looks transposed)" if value.shape == shape[::-1] else ""
                raise ValueError(f"{name}[{d_key!r}] has shape {value.shape}, but {key} has shape {shape}{transposed}; "
                                 f"{'a gradient' if starter is None else 'each entry of ' + name} is shaped like "
                                 f"its parameter")
            if value.dtype != parameters[key].dtype:    # so that a float32 network stays float32
                value = value.astype(parameters[key].dtype)
            checked[d_key] = value
    return checked


# --- caches -------------------------------------------------------------------------------------------------------

def check_linear_cache(cache, name="linear_cache"):
    """Return (A_prev, W, b) from a linear cache, checked: A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)."""
    if not isinstance(cache, (tuple, list)) or len(cache) != 3:
        raise TypeError(f"{name} must be the tuple (A_prev, W, b) that linear_forward returned; "
                        f"got {describe(cache)}")
    parts = zip(cache, ("A_prev", "W", "b"), strict=True)
    A_prev, W, b = (as_matrix(value, f"{name}'s {part}") for value, part in parts)
    if W.shape[1] != A_prev.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(f"{name} holds A_prev {A_prev.shape}, W {W.shape} and b {b.shape}, which do not fit "
                         f"together (W (n[l], n[l-1]), A_prev (n[l-1], m), b (n[l], 1)); pass the cache that "
                         f"linear_forward returned")
    return A_prev, W, b


def check_layer_cache(cache, name="cache"):
    """Return (linear_cache, Z) from one layer's cache ``((A_prev, W, b), Z)``, checked."""
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise TypeError(f"{name} must be the pair (linear_cache, Z) that linear_activation_forward returned, "
                        f"i.e. ((A_prev, W, b), Z); got {describe(cache)}")
    linear_cache = check_linear_cache(cache[0], f"{name}[0] (the linear cache)")
    Z = as_matrix(cache[1], f"{name}[1] (Z)")
    if Z.shape != (linear_cache[1].shape[0], linear_cache[0].shape[1]):
        raise ValueError(f"{name}[1] (Z) has shape {Z.shape}, but the linear cache makes Z (n[l], m) = "
                         f"({linear_cache[1].shape[0]}, {linear_cache[0].shape[1]})")
    return linear_cache, Z


def check_caches(caches, name="caches"):
    """Check the list of L layer caches that L_model_forward returned; return L."""
    if not isinstance(caches, (list, tuple)):
        raise TypeError(f"{name} must be the list of caches that L_model_forward returned; got {describe(caches)}")
    if len(caches) == 0:
        raise ValueError(f"{name} is empty; pass the caches that L_model_forward returned (one per layer)")
    return len(caches)


# --- scalars ------------------------------------------------------------------------------------------------------

def as_number(value, name, expected="a number"):
    """Return ``value`` as a Python float (also from numpy scalars and 0-d arrays); bools and others are refused."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "fiu":
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be {expected}; got {describe(value)}")
    return float(value)


def check_positive(value, name):
    """Return ``value`` as a float, or raise unless it is a finite number > 0 (e.g. learning_rate)."""
    value = as_number(value, name, "a number > 0")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number; got {value}")
    return value


def check_nonnegative(value, name, meaning=""):
    """Return ``value`` as a float, or raise unless it is a finite number >= 0."""
    value = as_number(value, name, "a number >= 0")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be 0 or more{meaning}; got {value}")
    return value


def check_count(value, name, minimum=0):
    """Return ``value`` as an int, or raise unless it is a whole number >= minimum."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number (at least {minimum}); got {describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}")
    return int(value)


def check_beta(beta, name="beta"):
    """beta is an exponential-average weight: a number in [0, 1) (0 keeps no memory; 1 would never move)."""
    beta = as_number(beta, name, "a number in [0, 1)")
    if not 0 <= beta < 1:
        raise ValueError(f"{name} must be in [0, 1), e.g. 0.9 (average over about 1 / (1 - {name}) steps); "
                         f"got {beta}")
    return beta


def check_keep_prob(keep_prob):
    keep_prob = as_number(keep_prob, "keep_prob", "a number in (0, 1]")
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob, the probability of keeping a hidden unit, must be in (0, 1] "
                         f"(1: no dropout; 0 would drop every unit); got {keep_prob}")
    return keep_prob


def check_lambd(lambd):
    lambd = as_number(lambd, "lambd", "a number >= 0")
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"lambd, the L2 regularization strength, must be 0 or more (0: no regularization); "
                         f"got {lambd}")
    return lambd


def check_step(t, name="t"):
    """Adam's step number t = 1, 2, ... (the bias correction divides by 1 - beta^t, which is 0 at t = 0)."""
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)):
        raise TypeError(f"{name}, the step number, must be a whole number counting from 1; got {describe(t)}")
    if t < 1:
        raise ValueError(f"{name}, the step number, counts from 1 (the first update is {name} = 1); got {t}: "
                         f"the bias correction 1 / (1 - beta^{name}) would divide by zero")
    return int(t)


# --- option strings -----------------------------------------------------------------------------------------------

def check_choice(value, choices, name, allow_none=False):
    """Raise unless ``value`` is one of ``choices`` (or None when allow_none); return it."""
    if allow_none and value is None:
        return value
    if not isinstance(value, str) or value not in choices:
        listing = ", ".join(map(repr, choices))
        raise ValueError(f"{name} must be {'None or ' if allow_none else ''}one of {listing}; got {value!r}")
    return value


def check_activation(activation, name="activation"):
    return check_choice(activation, ACTIVATIONS, name)



# --- seeds --------------------------------------------------------------------------------------------------------

def check_seed(seed, name="seed"):
    """Raise unless ``seed`` is a whole number >= 0 or a numpy Generator; return it.

    None is refused on purpose: the course promises the same numbers on every run. For a fresh, unrepeatable
    run say so explicitly with ``seed=np.random.default_rng()``.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        raise TypeError(f"{name} must be a whole number >= 0 (e.g. 0) or a numpy Generator; got None. The course "
                        f"keeps every run repeatable; for a fresh random run pass {name}=np.random.default_rng()")
    if isinstance(seed, np.random.RandomState):
        raise TypeError(f"{name} must be a whole number >= 0 or a numpy Generator (np.random.default_rng(0)), "
                        f"not the legacy RandomState")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number >= 0 (e.g. 0) or a numpy Generator; got {describe(seed)}")
    if seed < 0:
        raise ValueError(f"{name} must be a whole number >= 0 (e.g. 0) or a numpy Generator; got {seed}")
    return int(seed)


def make_rng(seed, name="seed"):
    """A numpy Generator from ``seed`` (checked by ``check_seed``); a Generator is used as is (it moves on)."""
    seed = check_seed(seed, name)
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def make_rngs(seed, n, name="seed"):
    """n independent Generators from one seed: ``SeedSequence(seed).spawn(n)`` for an int, ``seed.spawn(n)``
    for a Generator."""
    seed = check_seed(seed, name)
    if isinstance(seed, np.random.Generator):
        return seed.spawn(n)
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(n)]


# --- dtypes and paths ---------------------------------------------------------------------------------------------

def check_float_dtype(dtype, name="dtype"):
    """Return ``np.dtype(dtype)``, or raise unless it is a floating-point type such as np.float64 or np.float32."""
    try:
        result = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be a float type such as np.float64 or np.float32; "
                        f"got {describe(dtype)}") from None
    if dtype is None or result.kind != "f":
        got = "None" if dtype is None else str(result)
        raise TypeError(f"{name} must be a float type such as np.float64 or np.float32; got {got}: whole numbers "
                        f"would round the small values of the course (weights, pixels in [0, 1]) to 0")
    return result


def check_path(path, name="path", what="a file or folder name"):
    """Raise unless ``path`` is a str or os.PathLike; return it as a str."""
    if not isinstance(path, (str, os.PathLike)) or (isinstance(path, str) and not path):
        raise TypeError(f"{name} must be {what} (a str or pathlib.Path); got {describe(path)}")
    return os.fspath(path)


def check_layer_dims(layer_dims, name="layer_dims"):
    """Return ``layer_dims`` as a list of ints [n_x, n[1], ..., n[L]]; at least two sizes, each at least 1."""
    if isinstance(layer_dims, (str, bytes, dict, set)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"{name} must be a list of layer sizes like [n_x, n_h, 1]; got {describe(layer_dims)}")
    if isinstance(layer_dims, np.ndarray) and layer_dims.ndim != 1:
        raise ValueError(f"{name} must be a flat list of layer sizes like [n_x, n_h, 1]; got shape {layer_dims.shape}")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{name} must list at least two sizes, the input n_x and the output n[L]; got {dims}")
    for index, size in enumerate(dims):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"{name}[{index}] must be a whole number of units; got {size!r}")
        if size < 1:
            raise ValueError(f"{name}[{index}] is {size}, but every layer needs at least 1 unit")
    return [int(size) for size in dims]
