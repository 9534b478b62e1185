"""Every output of a CV version: PDF, previews, HTML, Markdown, DOCX, JSON and JSON Resume.

All of them start from one anonymized render model (:mod:`.resolve`), so every format shows
the same items, and a leak check (:mod:`.leaks`) scans each final output before it leaves.
"""
