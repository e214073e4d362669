"""Script-writing: Article -> Script, who says each quotation, and the script JSON.

Pure text work: imports only the shared core. Word lists live apart from the rules
(namewords.py), as data.
"""
