"""The build: one list of stages over a build's state, several articles at once, staging folders.
"""
