"""Fields: what a report says, one module per field.

``place``, ``date`` (with ``date_expressions``), ``actors``, ``casualties``, ``weapon``, ``target``
and ``attribution``: each reads what one sentence says of its field (called by
:mod:`~eventledger.extract.analysis`) and decides the field of a report from its sentences
(called by :mod:`~eventledger.extract.report`, writing into a :class:`~.draft.Fields`). Word
lists and context patterns are data, in ``data/<field>.yaml``.
"""
