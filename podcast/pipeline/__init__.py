"""The build: read and check the inputs, then run the stages, one article or several at once.

    sources.py   ARTICLE -> Source (its script), checked before any sound
    settings.py  show, cast, lexicon, engine and OUT, checked before any sound
    stages.py    the list of stages over one build's state; land, build, republish
    batch.py     several articles at once, published once
    staging.py   hidden staging folders, the swap, and leftovers of dead builds
"""
