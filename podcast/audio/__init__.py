"""Audio: lines -> takes (synthesis, cached) -> one levelled, encoded MP3 and its plan.

The only stage that runs engines and ffmpeg; publishing never imports it.
"""
