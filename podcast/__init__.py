"""Turn a written news article into a podcast episode.

The folders are the stages, in order: reading (ARTICLE -> Article), scripting (-> Script),
casting (-> lines with voices), engines and audio (-> takes -> one MP3 and its plan),
publishing (ID3, sidecars, episode record, feed, show page). pipeline runs them as one list
of stages (pipeline/stages.py); cli.py is the thin shell over it. Pure stages return values;
side effects live at the edges. The shared core beside this file (model, errors, files, slug,
layout) is what every stage may use.
"""

__version__ = "0.1.0"
