"""Measurement harness for callcoach: pure metrics (``bench.metrics``) and a runner (``bench.run``)."""
