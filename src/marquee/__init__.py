"""marquee: a critics' consensus engine.

Read any pile of film reviews (text, Markdown, HTML, CSV/JSONL), score each one, reconcile
the film's facts and report what the critics said.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
