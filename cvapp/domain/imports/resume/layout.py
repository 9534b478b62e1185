"""A CV file as rows of text in reading order, with the typography that tells headings apart.

PDF (pdfminer.six: every character's position, size and font), DOCX (python-docx: paragraph
styles, bold runs, list paragraphs, tables) and plain text or Markdown all become the same
:class:`Row` s, so one parser (``parse``) reads them all. In a PDF, a page whose lines fall
into two columns is read column by column (sidebar first), and pieces of text on one baseline
(a job title and its dates on the right margin) are one row with a ``right`` part.
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from cvapp.domain.imports import limits
from cvapp.errors import ValidationFailed

MAX_PAGES = 20
_GAP = 24.0  # points between two pieces of one baseline that make the second a "right" part
_BULLET = re.compile(r"^\s*(?:[•●▪■◦‣∙·►▶➢➤✓✔→*+«-]|\(?\d{1,2}[.)])\s+")
_DATE_LIKE = re.compile(r"^.{0,12}(?:19|20)\d{2}.{0,16}$")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKDOWN_BOLD = re.compile(r"^(?:\*\*(?P<a>.+?)\*\*|__(?P<b>.+?)__)(?P<rest>.*)$")


@dataclass(frozen=True)
class Row:
    """One line of the document as read: its text, where it is, how it is set."""

    text: str
    page: int
    line: int
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    x0: float = 0.0
    x1: float = 0.0
    right: str = ""  # text set apart on the right of the same line (usually dates)
    heading: bool = False  # a heading by the file's own markup (DOCX style, Markdown #)
    bullet: bool = False
    scanned: bool = False  # read from a picture by OCR

    @property
    def where(self) -> str:
        return f"page {self.page}, line {self.line}"


_LIGATURES = str.maketrans(
    {
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\xa0": " ",
        # Word's bullets in the Symbol and Wingdings fonts come out of PDFs (LibreOffice, Word)
        # as private-use characters: the bullets they show.
        "\uf0b7": "•",
        "\uf0a7": "▪",
        "\uf0a8": "•",
        "\uf076": "•",
        "\uf06e": "■",
        "\uf0d8": "➢",
        "\uf0fc": "✓",
        "\uf02d": "-",
    }  # fmt: skip
)


def clean(text: str) -> str:
    """Ligatures unfolded (ﬁ → fi), composed accents, invisible characters dropped."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Co", "Cc"))
    return " ".join(text.split())


class UnreadableFile(ValidationFailed):
    """The file is not a CV we can read (corrupt, encrypted, scanned, too large)."""


def _refuse(message: str) -> UnreadableFile:
    return UnreadableFile(message, details=[{"field": "file", "message": message}])


# --- PDF ---------------------------------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    bold: bool
    italic: bool


def _pdf_pieces(data: bytes) -> list[tuple[float, list[_Piece]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLineHorizontal
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[tuple[float, list[_Piece]]] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            if number >= MAX_PAGES:
                raise _refuse(f"The file has more than {MAX_PAGES} pages; a CV has fewer")
            pieces = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if not isinstance(line, LTTextLineHorizontal):
                        continue
                    chars = [c for c in line if isinstance(c, LTChar)]
                    text = clean(line.get_text())
                    if not chars or not text:
                        continue
                    fonts = [c.fontname.lower() for c in chars]
                    pieces.append(
                        _Piece(
                            text=text,
                            x0=line.x0,
                            x1=line.x1,
                            top=page.height - line.y1,
                            size=round(statistics.median(c.size for c in chars), 1),
                            bold=sum("bold" in f or "black" in f for f in fonts) > len(fonts) / 2,
                            italic=sum("italic" in f or "oblique" in f for f in fonts)
                            > len(fonts) / 2,
                        )
                    )
            pages.append((float(page.width), pieces))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise _refuse("The PDF is password-protected; save it without a password") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError):
        raise _refuse("The PDF could not be read (it may be damaged); export it again") from None
    return pages


def _columns(width: float, pieces: list[_Piece]) -> list[list[_Piece]]:
    """The page's pieces in reading order, one list per part: a full-width header, then each
    column, when the lines below the header fall on two sides of a gutter that almost no
    line crosses (a sidebar layout); else one list."""
    if len(pieces) < 6:
        return [pieces]
    for split in sorted({round(p.x0) for p in pieces if 0.2 * width < p.x0 < 0.75 * width}):
        right = [p for p in pieces if p.x0 >= split - 1]
        # A column of text starts its lines at one left edge and holds more than dates
        # (dates on the right margin are right-aligned; a centred header has no one edge).
        aligned = sum(abs(p.x0 - split) <= 6 for p in right) >= 0.4 * len(right)
        if not aligned or sum(not _DATE_LIKE.search(p.text) for p in right) < 3:
            continue
        # What is above the right column's first line is the page's header (name, contact).
        top = min(p.top for p in right) - 2
        header = [p for p in pieces if p.top < top]
        below = [p for p in pieces if p.top >= top]
        left = [p for p in below if p.x1 <= split + 1]
        right = [p for p in below if p.x0 >= split - 1 and p not in left]
        crossing = [p for p in below if p not in left and p not in right]
        if len(crossing) > max(2, len(below) // 25) or len(left) < 2 or len(right) < 4:
            continue
        # Columns stand side by side: their text overlaps in height (a centred header above
        # left-aligned sections is one column).
        texts = [p.top for p in right if not _DATE_LIKE.search(p.text)]
        overlap = min(max(p.top for p in left), max(texts)) - max(
            min(p.top for p in left), min(texts)
        )
        if overlap > 0.3 * min(
            max(texts) - min(texts), max(p.top for p in left) - min(p.top for p in left)
        ):
            return [header, left, right, crossing]
    return [pieces]


def _rows_of(pieces: list[_Piece], page: int, start: int) -> list[Row]:
    """Pieces on one baseline joined into a row; a piece far to the right is its ``right``."""
    rows: list[Row] = []
    ordered = sorted(pieces, key=lambda p: (round(p.top), p.x0))
    groups: list[list[_Piece]] = []
    for piece in ordered:
        if groups and abs(groups[-1][0].top - piece.top) <= 2.5:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    for group in groups:
        group.sort(key=lambda p: p.x0)
        main = [group[0]]
        right: list[_Piece] = []
        for piece in group[1:]:
            (right if right or piece.x0 - main[-1].x1 > _GAP else main).append(piece)
        first = main[0]
        text = " ".join(p.text for p in main)
        rows.append(
            Row(
                text=text,
                page=page,
                line=start + len(rows) + 1,
                size=max(p.size for p in main),
                bold=all(p.bold for p in main),
                italic=all(p.italic for p in main),
                x0=first.x0,
                x1=main[-1].x1,
                right=" ".join(p.text for p in right),
                bullet=bool(_BULLET.match(text)),
            )
        )
    return rows


OCR_DPI = 150
# Latin-script CVs: one model reads them all well enough, and each added language costs
# seconds per page.
OCR_LANGUAGES = ("eng",)


def ocr_available() -> bool:
    """Whether Debian's tesseract is installed (OCR is optional: ``make run`` tries)."""
    return shutil.which("tesseract") is not None


def _ocr_pieces(data: bytes) -> list[tuple[float, list[_Piece]]]:
    """The pages of a scanned PDF read by tesseract: one piece per line it found, with its
    position and height in points, like the text layer of a born-digital PDF."""
    import pypdfium2
    import pytesseract

    installed = set(pytesseract.get_languages(config=""))
    languages = "+".join(code for code in OCR_LANGUAGES if code in installed) or "eng"
    document = pypdfium2.PdfDocument(data)
    pages: list[tuple[float, list[_Piece]]] = []
    scale = 72 / OCR_DPI
    for index in range(min(len(document), MAX_PAGES)):
        page = document[index]
        image = page.render(scale=OCR_DPI / 72).to_pil()
        found = pytesseract.image_to_data(
            image, lang=languages, output_type=pytesseract.Output.DICT, timeout=60
        )
        lines: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(found["text"]):
            if word.strip() and float(found["conf"][i]) > 30:
                key = (found["block_num"][i], found["par_num"][i], found["line_num"][i])
                lines.setdefault(key, []).append(i)
        pieces = []
        for words in lines.values():
            text = clean(" ".join(found["text"][i] for i in words))
            left = min(found["left"][i] for i in words)
            right = max(found["left"][i] + found["width"][i] for i in words)
            top = min(found["top"][i] for i in words)
            height = statistics.median(found["height"][i] for i in words)
            pieces.append(
                _Piece(
                    text,
                    left * scale,
                    right * scale,
                    top * scale,
                    round(height * scale * 1.4, 1),
                    False,
                    False,
                )
            )
        pages.append((page.get_width(), pieces))
    return pages


def pdf_rows(data: bytes) -> list[Row]:
    pages = _pdf_pieces(data)
    scanned = not any(pieces for _, pieces in pages)
    if scanned and ocr_available():
        pages = _ocr_pieces(data)
    rows: list[Row] = []
    for number, (width, pieces) in enumerate(pages, start=1):
        count = 0
        for column in _columns(width, pieces):
            column_rows = _rows_of(column, number, count)
            count += len(column_rows)
            rows.extend(column_rows)
    if not rows:
        raise _refuse(
            "This PDF has no text layer (a scan or a photo of a CV) and no text could be "
            "recognised in it: export it from the program it was written in, or paste its text"
        )
    return [replace(row, scanned=True) for row in rows] if scanned else rows


# --- DOCX --------------------------------------------------------------------------------------

_DOCX_MAX_UNPACKED = 50 * 1024 * 1024


def _check_docx(data: bytes) -> None:
    """A DOCX is a ZIP: refuse one that would unpack to far more than a CV (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise _refuse("This is not a Word document (.docx)")
    except zipfile.BadZipFile:
        raise _refuse("This Word file could not be read (it may be damaged or a .doc)") from None
    if total > _DOCX_MAX_UNPACKED:
        raise _refuse("This Word file unpacks to more than 50 MB; it cannot be a CV")


def _docx_row(paragraph: Any, page: int, line: int) -> Row | None:
    text = clean(paragraph.text.replace("\t", "    "))
    if not text:
        return None
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)
    italic = bool(runs) and all(r.italic for r in runs)
    main, _, right = paragraph.text.partition("\t")
    size = max((r.font.size.pt for r in runs if r.font.size), default=0.0)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    # "Heading 1" names a section; "Heading 2" and below title an entry (a job, a degree).
    section_heading = style in ("heading 1", "heading1")
    return Row(
        text=clean(main) if right.strip() else text,
        page=page,
        line=line,
        size=size or (14.0 if section_heading or "title" in style else 10.0),
        bold=bold or "heading" in style,
        italic=italic,
        right=clean(right) if right.strip() else "",
        heading=section_heading,
        bullet="list" in style or numbered or bool(_BULLET.match(text)),
    )


def docx_rows(data: bytes) -> list[Row]:
    from docx import Document as open_docx

    _check_docx(data)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged package
        raise _refuse("This Word file could not be read (it may be damaged)") from None
    rows: list[Row] = []
    for paragraph in _in_order(document):
        for row in _docx_rows(paragraph, len(rows)):
            rows.append(row)
    return rows


def _in_order(document: Any) -> list[Any]:
    """The body's paragraphs in document order, a layout table's read cell by cell."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found: list[Any] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            found.append(Paragraph(child, document))
        elif child.tag.endswith("}tbl"):
            seen: set[int] = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell is listed once per column
                        seen.add(id(cell._tc))
                        found.extend(cell.paragraphs)
    return found


def _docx_rows(paragraph: Any, count: int) -> list[Row]:
    """A paragraph's rows: one per line when it holds line breaks (an address block)."""
    row = _docx_row(paragraph, 1, count + 1)
    if row is None:
        return []
    lines = [clean(line) for line in paragraph.text.split("\n") if clean(line)]
    if len(lines) < 2 or row.right:
        return [row]
    return [replace(row, text=line, line=count + 1 + i) for i, line in enumerate(lines)]


# --- text --------------------------------------------------------------------------------------


def text_rows(text: str) -> list[Row]:
    """Pasted text or Markdown: ``#`` headings and ``**bold**`` lines count as typography."""
    rows: list[Row] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        heading = bool(_MARKDOWN_HEADING.match(stripped))
        stripped = _MARKDOWN_HEADING.sub("", stripped)
        main, _, right = stripped.partition("\t")
        bold_match = _MARKDOWN_BOLD.match(main)
        if bold_match:  # "**Title** 2019 – 2021": the bold part, what follows on the right
            main = bold_match.group("a") or bold_match.group("b")
            right = f"{bold_match.group('rest').strip()} {right}".strip()
            stripped = main
        line = clean(main if right.strip() else stripped)
        if not line:
            continue
        rows.append(
            Row(
                text=line,
                page=1,
                line=len(rows) + 1,
                size=14.0 if heading else 10.0,
                bold=heading or bool(bold_match),
                heading=heading,
                right=clean(right) if right.strip() else "",
                bullet=bool(_BULLET.match(line)),
            )
        )
    return rows


def decode_text(data: bytes) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def rows_of_file(data: bytes) -> tuple[str, list[Row]]:
    """The kind of file (``pdf``, ``docx``, ``text``, told by its first bytes, never by its
    name) and its rows; refused when it is none of them or cannot be read."""
    if len(data) > limits.MAX_UPLOAD_BYTES:
        raise _refuse(f"The file is larger than {limits.MAX_UPLOAD_BYTES // limits.MB} MB")
    if data.startswith(b"%PDF"):
        return "pdf", pdf_rows(data)
    if data.startswith(b"PK\x03\x04"):
        return "docx", docx_rows(data)
    if data.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise _refuse("Old Word (.doc) and RTF files cannot be read: save the CV as .docx or PDF")
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise _refuse("Send a PDF, a Word file (.docx) or text (.txt, .md)")
    rows = text_rows(decode_text(data))
    if not rows:
        raise _refuse("The text is empty")
    return "text", rows


def with_line_numbers(rows: list[Row]) -> list[Row]:
    """Rows numbered 1… per page in reading order."""
    numbered: list[Row] = []
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.page] = counts.get(row.page, 0) + 1
        numbered.append(replace(row, line=counts[row.page]))
    return numbered
