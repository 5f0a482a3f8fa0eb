import pytest

import dnn_helpers as dh


def _textbook_loop(X, Y, dims, rate, iterations, seed, gradients=dh.L_model_backward):
    """Notebook 06's loop written out from the step functions, to compare the package's loops with."""
    parameters = dh.initialize_parameters_deep(dims, seed=seed, method="xavier")
    costs = []
    for _ in range(iterations):
        AL, caches = dh.L_model_forward(X, parameters)
        costs.append(dh.compute_cost(AL, Y))
        parameters = dh.update_parameters(parameters, gradients(AL, Y, caches), rate)
    return parameters, costs


@pytest.fixture
def textbook_loop():
    return _textbook_loop
