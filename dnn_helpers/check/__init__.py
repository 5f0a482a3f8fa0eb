"""dh.check: does a learner's function do what the course's does? If not, name the likely mistake.

The engine (``engine``) runs the learner's function and the course's on the same fixed inputs and names what differs;
each notebook's catalogue of typical mistakes and the inputs its functions are checked on live in one module named
after the notebook's step: ``initialization`` (01), ``forward`` (02), ``cost`` (03), ``backward`` (04), ``update``
(05), ``training_loop`` (06), ``prediction`` (07), ``gradient_checking`` (11), ``regularization`` (13),
``optimization`` (14), ``many_classes`` (15), ``batch_normalization`` (16), ``hyperparameter_search``
(17), ``diagnostics`` (18). Importing this package registers them all. Beside them: ``inputs`` (the random
networks, labels and plain-numpy activations the catalogues build their cases from), ``store`` (saves each function
the learner checks in the exercises edition, into my_network.py) and ``yours`` (dh.yours and dh.progress bind those
functions back in later notebooks).
"""

from . import (backward, batch_normalization, cost, diagnostics, forward, gradient_checking,  # noqa: F401
               hyperparameter_search, initialization, many_classes, optimization, prediction, regularization,
               training_loop, update)
from .engine import CheckResult, check, exercise_notebooks, judge

__all__ = ["check", "CheckResult", "judge", "exercise_notebooks"]
