"""Coefficients of the derivation label model (``reuse_model.py``), written by
``python -m newsprism.eval.train_reuse --write`` from the METER tune part only
(multinomial logistic regression, C=0.03, inputs standardised by MEAN and
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
        -0.178211,
        -0.188063,
        -0.035282,
        -0.190579,
        -0.072891,
        -0.180613,
        -0.196346,
        -0.019764,
        -0.252653,
        0.057040,
    ),
    (
        -0.053874,
        -0.034018,
        -0.031227,
        -0.036334,
        0.048347,
        -0.171282,
        0.214028,
        -0.052819,
        -0.044408,
        0.072962,
    ),
    (
        0.232085,
        0.222081,
        0.066510,
        0.226913,
        0.024544,
        0.351895,
        -0.017682,
        0.072583,
        0.297061,
        -0.130002,
    ),
)
INTERCEPT = (
    -0.555452,
    0.851980,
    -0.296528,
)
