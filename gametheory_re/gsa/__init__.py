"""Global sensitivity of an outcome over a game's parameter space (SALib's problem → sample → evaluate → analyze).

``problem`` says which parameters vary over which ranges; ``design`` makes
the sample (Saltelli's for Sobol indices, a Latin hypercube otherwise);
the sweep engine evaluates it; ``target`` turns the sweep table into the
quantity analysed; ``sobol``, ``rbd_fast``, ``pawn`` and ``filtering``
analyse it into a :class:`~gametheory_re.gsa.result.SensitivityResult`.
SALib is an optional dependency (the ``sensitivity`` extra, see
``optional``).
"""
