"""The crash-and-fault suite (issue 13): SIGKILLs across every write, I/O errors injected
at the n-th write or fsync, a full disk, and fuzzed outside files. Marked ``slow``: the
quick-start suite skips it, ``.ci/run`` runs it once (``pytest -m slow``). Sizes are set
by environment variables (see :mod:`tests.faults.support`), e.g.
``SPS_FAULT_KILLS=1000 SPS_FAULT_FUZZ=500 .venv/bin/python -m pytest -m slow tests/faults``.
"""
