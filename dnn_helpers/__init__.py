"""dnn_helpers: the functions of "Deep Neural Network, Step by Step", one module per step, in the course's order.

The steps, notebook by notebook (each function's docstring names the notebook that teaches it):

    01 initialization          initialize_parameters, initialize_parameters_deep         initialization
    02 forward propagation     sigmoid, relu, tanh, linear_forward,
                               linear_activation_forward, L_model_forward                activations, forward
    03 cost function           compute_cost                                              cost
    04 backward propagation    relu_backward, sigmoid_backward, linear_backward,
                               linear_activation_backward, L_model_backward              backward
    05 update parameters       update_parameters                                         update
    06 training loop           two_layer_model, L_layer_model                            model
    07 prediction              predict, accuracy, confusion_matrix, save_parameters      evaluation
    11 gradient checking       numerical_gradients, relative_difference, gradient_check  gradcheck
    12 initialization methods  initialize_parameters_deep(method="xavier" or "he")       initialization
    13 regularization          L2 (compute_cost_with_regularization, ...), dropout       regularization
    14 optimization            mini-batches, momentum, RMSprop, Adam, decay              optimizers
                               the one training loop (training.fit), improved_model      training, improved_model
                               many runs trained at once (train_stacked)                 stacked
    15 many classes            softmax, one_hot, categorical_cost                        output_layer
    16 batch normalization     batchnorm_forward, batchnorm_backward, BN in a network    batchnorm, batchnorm_network
    17 hyperparameter search   sample_log_uniform, random and grid search, narrow_range  search
    18 training gone wrong     dead_relu_fractions, update_ratios, diagnose              diagnostics

Beneath every step: ``validation`` (each input check, one helper per check), the activation table
``activations.ACTIVATIONS`` and the output-layer table ``output_layer.OUTPUT_LAYERS``, which the steps read.

The learning tools, in sub-packages (data/ beside the steps; check/ and playground/ above all of them):

    data/        (00, 08, 09) generated 2-D sets, real tables, a folder of your own images: make_moons, ...
    check/       dh.check: its engine and one catalogue of typical mistakes per notebook; dh.yours, dh.progress
    playground/  (10) the playground: its engine, figure and widgets, and the small explorers

Conventions: X is (n_x, m), one column per example; Y is (1, m) of 0/1 (or one-hot (K, m) for K classes);
parameters is a dict W1, b1, ..., WL, bL with Wl (n[l], n[l-1]) and bl (n[l], 1). The notebooks call the functions as
``dh.<name>``. Imports only go down (tests/test_package_structure.py); CONTRIBUTING.md's Architecture draws the layers.
"""

from .activations import leaky_relu, relu, sigmoid, tanh
from .backward import (L_model_backward, activation_backward, linear_activation_backward, linear_backward,
                       relu_backward, sigmoid_backward, tanh_backward)
from .batchnorm import (batchnorm_backward, batchnorm_backward_graph, batchnorm_forward, batchnorm_inference,
                        update_running)
from .cost import compute_cost, compute_cost_from_logits
from .data.datasets import (images_to_columns, load_breast_cancer_data, load_digits_binary, load_seattle_weather,
                            make_blobs, make_circles, make_moons, make_spirals, make_xor, shape_table, standardize,
                            train_test_split)
from .diagnostics import (Report, TrainingRecord, dead_relu_fractions, diagnose, duplicate_fraction, gradient_norms,
                          label_disagreement, learning_rate_range_test, overfit_tiny_batch, record_training,
                          update_ratios)
from .evaluation import accuracy, confusion_matrix, load_parameters, predict, predict_proba, save_parameters
from .batchnorm_network import (bn_gradient_check, bn_network_backward, bn_network_cost, bn_network_forward,
                                bn_network_model, bn_predict, bn_stacked_evaluate, initialize_bn_network,
                                initialize_running, train_bn_stacked, update_bn_parameters, update_running_averages)
from .check import CheckResult, check  # the engine of dh.check and its catalogues, one per notebook
from .forward import L_model_forward, Parameters, linear_activation_forward, linear_forward
from .gradcheck import (gradient_check, grads_to_vector, numerical_gradients, parameters_to_vector,
                        relative_difference, relative_differences, vector_to_parameters)
from .improved_model import improved_model
from .data.image_folder import load_image, load_image_folder
from .initialization import initialize_parameters, initialize_parameters_deep
from .model import L_layer_model, model_gradients, two_layer_model
from .output_layer import categorical_cost, categorical_cost_from_logits, one_hot, output_cost, softmax
from .optimizers import (bias_correction, decayed_learning_rate, exponential_decay, initialize_adam,
                         initialize_optimizer, initialize_rmsprop, initialize_velocity, inverse_time_decay,
                         optimizer_update, random_mini_batches, step_decay, update_parameters_with_adam,
                         update_parameters_with_momentum, update_parameters_with_rmsprop)
from .regularization import (L_model_backward_with_dropout, L_model_backward_with_regularization,
                             L_model_forward_with_dropout, add_l2_gradients, compute_cost_with_regularization,
                             dropout_backward, dropout_forward, l2_regularization_cost)
from .stacked import (StackedRuns, median_of_last, stacked_accuracy, stacked_cost, stacked_forward, train_stacked,
                      unstack)
from .search import (SearchResult, grid_candidates, narrow_range, narrow_ranges, random_candidates, run_search,
                     sample_log_uniform)
from .update import update_parameters
from .check.store import NotWritten
from .check.yours import progress, yours

__all__ = [
    "sigmoid", "relu", "tanh", "leaky_relu",
    "initialize_parameters", "initialize_parameters_deep",
    "linear_forward", "linear_activation_forward", "L_model_forward", "Parameters",
    "softmax", "one_hot", "categorical_cost", "categorical_cost_from_logits", "output_cost",
    "compute_cost", "compute_cost_from_logits",
    "relu_backward", "sigmoid_backward", "tanh_backward", "activation_backward",
    "linear_backward", "linear_activation_backward", "L_model_backward",
    "update_parameters",
    "two_layer_model", "L_layer_model", "model_gradients", "improved_model",
    "predict", "predict_proba", "accuracy", "confusion_matrix", "save_parameters", "load_parameters",
    "gradient_check", "numerical_gradients", "parameters_to_vector", "vector_to_parameters", "grads_to_vector",
    "relative_difference", "relative_differences",
    "shape_table", "images_to_columns", "standardize", "train_test_split",
    "make_moons", "make_circles", "make_spirals", "make_xor", "make_blobs",
    "load_digits_binary", "load_breast_cancer_data", "load_seattle_weather",
    "check", "CheckResult", "yours", "progress", "NotWritten",
    "l2_regularization_cost", "compute_cost_with_regularization", "add_l2_gradients",
    "L_model_backward_with_regularization", "dropout_forward", "dropout_backward",
    "L_model_forward_with_dropout", "L_model_backward_with_dropout",
    "train_stacked", "StackedRuns", "stacked_forward", "stacked_cost", "stacked_accuracy", "unstack", "median_of_last",
    "random_mini_batches", "initialize_velocity", "initialize_rmsprop", "initialize_adam",
    "update_parameters_with_momentum", "update_parameters_with_rmsprop", "update_parameters_with_adam",
    "bias_correction", "initialize_optimizer", "optimizer_update",
    "inverse_time_decay", "exponential_decay", "step_decay", "decayed_learning_rate",
    "load_image_folder", "load_image",
    "batchnorm_forward", "batchnorm_backward", "batchnorm_backward_graph", "batchnorm_inference", "update_running",
    "initialize_bn_network", "initialize_running", "bn_network_forward", "bn_network_cost", "bn_network_backward",
    "update_bn_parameters", "update_running_averages", "bn_network_model", "bn_predict", "bn_gradient_check",
    "train_bn_stacked", "bn_stacked_evaluate",
    "dead_relu_fractions", "gradient_norms", "update_ratios", "record_training", "TrainingRecord",
    "learning_rate_range_test", "overfit_tiny_batch", "duplicate_fraction", "label_disagreement", "diagnose", "Report",
    "sample_log_uniform", "grid_candidates", "random_candidates", "run_search", "SearchResult", "narrow_range",
    "narrow_ranges",
]

# The playground group lives in the sub-package dnn_helpers.playground (engine, figure, widgets, explorers). The
# old names keep working, loaded on first use (widgets imports ipywidgets and matplotlib): `from dnn_helpers import
# widgets` is dnn_helpers.playground.widgets.
_PLAYGROUND_MODULES = {"widgets": "widgets", "explorers": "explorers", "playground_figure": "figure"}


def __getattr__(name):
    if name in _PLAYGROUND_MODULES:
        import importlib
        return importlib.import_module(f".playground.{_PLAYGROUND_MODULES[name]}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
