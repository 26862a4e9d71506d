"""The story brief: what a story's coverage agrees on, where it disagrees, who said what,
where each version came from, when things happened, and what only one source carries.

Pure functions over the batch-wide stages' records (``model.py``) and the claims stage's
output; every line of the brief is a verbatim slice of an article's text at its offsets,
so it can be checked (:mod:`newsprism.brief.validate`).
"""
