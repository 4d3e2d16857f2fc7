"""Detection: what says that an event happened, and of which type.

``attacks`` (violence cues in one sentence), ``political`` (ceasefires, meetings, threats, ...),
``event_typing`` (ACLED's codebook as rules, weighed against the ``classifier``) and ``acled``
(the event type and sub-event type of an attack). Each keeps its cue lists in ``data/``.
"""
