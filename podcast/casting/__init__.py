"""Casting: Script -> lines with voices, from the shipped and the user's cast and lexicon files.
"""
