"""Coefficients of the derivation label model (``reuse_model.py``), written by
``python -m newsprism.eval.train_reuse --write`` from the METER tune part only
(multinomial logistic regression, C=0.003, inputs standardised by MEAN and
SCALE). Do not edit by hand."""

FEATURES = (
    "share",
    "verbatim_share",
    "rewritten_share",
    "sentence_share",
    "source_share",
    "longest_run",
    "quote_share",
    "lead_taken",
    "containment",
    "length_ratio",
)
CLASSES = ("independent", "partially", "wholly")
MEAN = (
    0.555557,
    0.156194,
    0.399363,
    0.554629,
    0.319923,
    0.436359,
    0.127737,
    0.676667,
    0.242930,
    -0.532781,
)
SCALE = (
    0.328005,
    0.257203,
    0.285831,
    0.321057,
    0.257097,
    0.350488,
    0.176151,
    0.467749,
    0.220015,
    0.887391,
)
COEF = (
    (
        -0.069572,
        -0.054755,
        -0.030568,
        -0.071638,
        -0.036687,
        -0.064098,
        -0.051001,
        -0.021396,
        -0.071139,
        0.024734,
    ),
    (
        -0.046637,
        -0.039925,
        -0.017594,
        -0.045036,
        0.007737,
        -0.073651,
        0.075541,
        -0.030131,
        -0.045216,
        0.043312,
    ),
    (
        0.116210,
        0.094680,
        0.048162,
        0.116675,
        0.028949,
        0.137749,
        -0.024540,
        0.051527,
        0.116355,
        -0.068045,
    ),
)
INTERCEPT = (
    -0.494942,
    0.622799,
    -0.127857,
)
