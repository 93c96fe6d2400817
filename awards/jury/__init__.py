"""Juries: rubrics, rounds, jurors, conflicts, assignment, scoring, results, audit.

The models live in `awards.jury.models` (imported by `awards.models`); each other
module of this package is one room of the house style: `conflicts`, `assignment`,
`scoring`, `results`, `rounds`, `audit` hold the services and selectors of their topic.
"""
