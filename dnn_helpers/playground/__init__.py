"""The playground group (notebooks 01, 02, 05, 06 and 10): the learning tools that train and draw, above the steps.

    engine     ``Playground``: a network on a 2-D data set, trained an epoch at a time (pure numpy, the one
               training loop of ``dnn_helpers.training``), paused, resumed and re-tuned in the middle of a run
    figure     ``PlaygroundFigure``: the picture of the engine (network, decision boundary, cost curves)
    explorers  the numbers behind the small explorers of notebooks 01, 02 and 05 (pure numpy)
    widgets    ipywidgets controls wiring the three above (imported on demand: it loads ipywidgets and matplotlib)

    from dnn_helpers.playground import Playground, widgets
"""

from .engine import (DATASETS, DEFAULTS, FEATURES, Playground, StepFailed, check_setting, expand_features, make_data,
                     parse_features, parse_hidden_layers)

__all__ = ["Playground", "StepFailed", "DATASETS", "DEFAULTS", "FEATURES", "check_setting", "expand_features",
           "make_data", "parse_features", "parse_hidden_layers"]
