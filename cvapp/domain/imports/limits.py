"""The bounds an upload must stay within (checked before anything is extracted or stored)."""

from __future__ import annotations

from cvapp.settings import get_settings

MB = 1024 * 1024

MAX_UPLOAD_BYTES = get_settings().max_upload_bytes
"""One uploaded file (ZIP, JSON, a CV file): ``CVAPP_MAX_UPLOAD_BYTES`` (20 MB by default)."""
MAX_PASTED_CHARS = 200_000
"""Pasted CV text (read like a .txt file)."""
MAX_FILES_PER_REQUEST = 10
"""Files in one batch upload; each gets its own import and preview."""
MAX_UNCOMPRESSED_BYTES = 100 * MB
"""The sum of the declared sizes of every entry of a ZIP."""
MAX_RATIO = 100
"""Uncompressed / compressed size, for the whole archive and for each large entry."""
RATIO_CHECKED_FROM = 1 * MB
"""Entries smaller than this may compress better than MAX_RATIO (tiny repetitive CSVs)."""
MAX_ENTRIES = 5_000
"""Entries in a ZIP (a Complete LinkedIn export has a few hundred)."""
MAX_CSV_BYTES = 20 * MB
"""One CSV we read from the archive."""
MAX_CSV_ROWS = 20_000
