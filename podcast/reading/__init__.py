"""Reading: an article's text (a file or stdin; plain text, Markdown or HTML) -> Article.

Pure but for read_text at the edge; imports only the shared core.
"""
