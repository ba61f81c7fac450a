"""Team merge between laptops without a server (issue 7).

An educator's laptop writes a bundle of its changes, encrypted to the chief's base
(X25519 sealed box) and signed by the laptop (Ed25519); the chief's base merges bundles
record by record with version vectors (``sps_desk.versions``); the chief sends each laptop
a bundle of the shared reference data and of the young people that educator works with.

Modules: :mod:`.errors` (French refusals), :mod:`.identity` (device keys, the chief's key
file), :mod:`.bundle` (the file format), :mod:`.selection` (what a bundle holds),
:mod:`.merge` (the merge itself).
"""
