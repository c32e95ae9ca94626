"""Tools for developers (benchmarks, screenshots): not part of the installed package.

Run from the project folder: ``python -m scripts.bench.build_time``.
"""
