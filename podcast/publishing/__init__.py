"""Publishing: the MP3's ID3 tags, the sidecar files, episode records, feed.xml and index.html.

Works from what audio produced (chapters, cues, durations), never imports audio itself.
"""
