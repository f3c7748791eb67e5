# `tsumiki serve --demo`: the sample leadership programme (W2a).
demo-programme-links = Demo programme (Global Leadership Programme 2026): cohort dashboard and overview:
