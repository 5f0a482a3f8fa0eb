"""Data loading, a learning tool beside the steps: every set comes as X (n_x, m), one column per example, and Y (1, m).

``datasets`` (notebooks 00, 06, 08, 09): generated 2-D sets (moons, circles, spirals, xor, blobs), real tables that
ship with installed packages (scikit-learn's digits and breast cancer, the Seattle weather in vega-datasets), and the
helpers that shape them (``shape_table``, ``images_to_columns``, ``standardize``, ``train_test_split``).
``image_folder`` (notebook 08): a folder of the learner's own pictures as X and Y.

Learners call these as ``dh.make_moons``, ``dh.load_image_folder``, ...; the modules import only the layer below
(``validation``).
"""
