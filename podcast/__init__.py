"""Turn a written news article into a podcast episode.

The pipeline, one module a stage: article -> scriptwriter -> casting -> render -> timeline ->
mixdown -> tagging -> feed/site. Pure stages return values; side effects live at the edges.
"""

__version__ = "0.1.0"
