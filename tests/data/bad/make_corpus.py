#!/usr/bin/env python3
"""Writes the committed part of the bad-input corpus into this folder.

Every file is built from scratch and byte-identical run to run (fixed zip timestamps, a
seeded random generator). Two need PyPI packages that only this script uses: xlwt for the
truncated xls copy is not needed (tests/fixtures/team.xls is cut instead), msoffcrypto-tool
for the password-protected xlsx. The files that would be large (a 10 MB cell, 100,000
columns) are made by the test itself (tests/integration/bad_input.rs).

Run from the repository root:  python3 tests/data/bad/make_corpus.py
"""

import io
import os
import random
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
STAMP = (1980, 1, 1, 0, 0, 0)
rng = random.Random(20261127)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def zip_bytes(entries, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = compress
            z.writestr(info, data)
    return buf.getvalue()


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook_xml(count):
    sheets = "".join(
        f'<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, count + 1)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>{sheets}</sheets></workbook>'


def workbook_rels(count):
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        for i in range(1, count + 1)
    )
    rels += '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'


def sheet_xml(rows, dimension=None, extra=""):
    """rows: list of (row number, [(ref, cell attributes, inner xml)])."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{ref}"{attrs}>{inner}</c>' for ref, attrs, inner in cells) + "</row>"
        for n, cells in rows
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{dim}<sheetData>{body}</sheetData>{extra}</worksheet>'


def inline(ref, text):
    return (ref, ' t="inlineStr"', f"<is><t>{text}</t></is>")


def xlsx(sheet, shared="", sheets=1, drop=()):
    shared_xml = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>{shared}</sst>'
    entries = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(sheets)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared_xml),
    ]
    return zip_bytes([(n, d) for n, d in entries if n not in drop])


HEADER = [inline("A1", "Name"), inline("B1", "Title"), inline("C1", "Task")]
GOOD_ROWS = [
    (1, HEADER),
    (2, [inline("A2", "Ana Lima"), inline("B2", "Product Manager"), inline("C2", "Own the roadmap")]),
]
GOOD_XLSX = xlsx(sheet_xml(GOOD_ROWS))


def ods(content):
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=STAMP)
        z.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        for name, data in [("META-INF/manifest.xml", manifest), ("content.xml", content)]:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)


def ods_content(table_body):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="Team">{table_body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )


def ods_row(*texts):
    cells = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>' for t in texts
    )
    return f"<table:table-row>{cells}</table:table-row>"


GOOD_ODS = ods(ods_content(ods_row("Name", "Title", "Task") + ods_row("Ana Lima", "Product Manager", "Own the roadmap")))


def zip_bomb(entry_name, size, lie=False):
    """A zip whose one entry inflates to `size` bytes of '<' characters; with `lie`, both
    headers claim it inflates to 1 KB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<" * (1 << 20)
    parts = []
    for _ in range(size // len(chunk)):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.flush())
    data = b"".join(parts)
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    claimed = 1024 if lie else size
    if claimed >= 0xFFFFFFFF:
        raise ValueError("keep the bomb under 4 GiB so the sizes fit without zip64")
    name = entry_name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), claimed, len(name), 0) + name
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), claimed, len(name), 0, 0, 0, 0, 0, 0
    ) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    return local + data + central + end


def cfb_cycle():
    """An OLE compound file whose directory chain runs in a circle (sector 1 -> 2 -> 1)."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 76, *difat)
    fat = [0xFFFFFFFD, 2, 1] + [0xFFFFFFFF] * 125
    fat_sector = struct.pack("<128I", *fat)
    directory = bytearray(512)
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    directory[0 : len(name)] = name
    struct.pack_into("<HBB", directory, 64, len(name), 5, 1)
    struct.pack_into("<III", directory, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<I", directory, 116, 0xFFFFFFFE)
    return bytes(header) + fat_sector + bytes(directory) + bytes(directory)


def main():
    team_csv = "Name,Title,Task\nAna Lima,Product Manager,Own the roadmap\n"

    # Empty files, one per extension.
    for ext in ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"]:
        write(f"empty.{ext}", b"")
    # Random bytes, one per extension.
    for ext in ["csv", "tsv", "xlsx", "xlsm", "xls", "xlsb", "ods"]:
        write(f"random.{ext}", bytes(rng.getrandbits(8) for _ in range(4096)))
    # Random bytes after each signature, so the parsers get past their first check.
    write("random-after-zip-signature.xlsx", b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(4096)))
    write("random-after-ole-signature.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(rng.getrandbits(8) for _ in range(4096)))

    # Truncated workbooks.
    write("truncated.xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2])
    write("truncated.ods", GOOD_ODS[: len(GOOD_ODS) // 2])
    with open(os.path.join(ROOT, "tests/fixtures/team.xls"), "rb") as f:
        xls = f.read()
    write("truncated.xls", xls[: len(xls) // 2])
    # Right bytes, wrong name.
    write("xls-named.xlsx", xls)
    write("xlsx-named.xls", GOOD_XLSX)
    write("xlsx-named.ods", GOOD_XLSX)
    # Workbooks under a text name: read by what they are, not as text.
    write("xlsx-named.csv", GOOD_XLSX)
    write("ods-named.tsv", GOOD_ODS)
    write("xls-named.csv", xls)

    # Zips that are not workbooks.
    write("not-a-workbook.xlsx", zip_bytes([("hello.txt", "not a workbook")]))
    write("not-a-workbook.ods", zip_bytes([("mimetype", "text/plain")]))
    write("no-workbook-part.xlsx", xlsx(sheet_xml(GOOD_ROWS), drop=("xl/workbook.xml",)))
    write("no-sheet-part.xlsx", xlsx(sheet_xml(GOOD_ROWS), drop=("xl/worksheets/sheet1.xml",)))

    # Malformed sheet XML.
    write("malformed-sheet.xlsx", xlsx(sheet_xml(GOOD_ROWS)[:-40]))
    write("garbage-sheet.xlsx", xlsx("<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>oops"))
    write("bad-bool.xlsx", xlsx(sheet_xml([(1, HEADER), (2, [("A2", ' t="b"', "<v>99999</v>")])])))
    write("shared-string-out-of-range.xlsx", xlsx(sheet_xml([(1, HEADER), (2, [("A2", ' t="s"', "<v>4000000000</v>")])])))
    write("bad-cell-ref.xlsx", xlsx(sheet_xml([(1, [("ZZZZZZ99999999999", ' t="inlineStr"', "<is><t>x</t></is>")])])))
    write("reversed-merge.xlsx", xlsx(sheet_xml(GOOD_ROWS, extra='<mergeCells count="1"><mergeCell ref="C1:A1"/></mergeCells>')))
    write("huge-merge.xlsx", xlsx(sheet_xml(GOOD_ROWS, extra='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')))
    write(
        "billion-laughs.xlsx",
        xlsx(
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
            '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
            f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>'
        ),
    )
    write("malformed-content.ods", ods(ods_content(ods_row("Name", "Task"))[:-60]))
    write(
        "repeat-bomb.ods",
        ods(
            ods_content(
                '<table:table-row table:number-rows-repeated="1048576">'
                '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>'
                "</table:table-row>"
            )
        ),
    )

    # Repeat counts on rows and cells that hold values (ods writes identical neighbours once):
    # one data row repeated to the last row, 1.5 KB for a million tasks; a mark repeated
    # across every column of ten task rows; and identical rows as LibreOffice writes them,
    # two data rows and the empty rest of the sheet, which must read.
    write(
        "repeat-rows.ods",
        ods(ods_content(ods_row("Name", "Title", "Task") + ods_row("Ana Lima", "Product Manager", "Own the roadmap").replace("<table:table-row>", '<table:table-row table:number-rows-repeated="1048575">'))),
    )
    mark_rows = "".join(
        f'<table:table-row><table:table-cell office:value-type="string"><text:p>Task {i}</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="16383"><text:p>R</text:p></table:table-cell></table:table-row>'
        for i in range(1, 11)
    )
    write("repeat-columns.ods", ods(ods_content(ods_row("Task", "Ana Lima") + mark_rows)))
    write(
        "identical-rows.ods",
        ods(
            ods_content(
                '<table:table-column table:number-columns-repeated="1024"/>'
                + ods_row("Name", "Title", "Task")
                + ods_row("Ana Lima", "Product Manager", "Own the roadmap")
                + ods_row("Bo Chen", "Program Manager", "Run the release train").replace("<table:table-row>", '<table:table-row table:number-rows-repeated="2">')
                + '<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            )
        ),
    )

    # Huge declared dimension, nearly empty; and a real cell at the last address.
    write("huge-dimension.xlsx", xlsx(sheet_xml(GOOD_ROWS, dimension="A1:XFD1048576")))
    write(
        "cell-at-xfd1048576.xlsx",
        xlsx(sheet_xml(GOOD_ROWS + [(1048576, [inline("XFD1048576", "far away")])], dimension="A1:XFD1048576")),
    )

    # Only formulas without cached values; only error cells.
    formulas = [(r, [(f"{c}{r}", "", f"<f>SUM(A1:A{r})</f>") for c in "ABC"]) for r in range(1, 6)]
    write("only-formulas.xlsx", xlsx(sheet_xml(formulas)))
    errors = [(r, [(f"{c}{r}", ' t="e"', f"<v>{e}</v>") for c, e in zip("ABC", ["#REF!", "#DIV/0!", "#N/A"])]) for r in range(1, 6)]
    write("only-errors.xlsx", xlsx(sheet_xml(errors)))

    # Too many sheets (all pointing at one part), and a cell longer than any spreadsheet holds.
    write("1001-sheets.xlsx", xlsx(sheet_xml(GOOD_ROWS), sheets=1001))
    write("long-shared-string.xlsx", xlsx(sheet_xml([(1, HEADER), (2, [("A2", ' t="s"', "<v>0</v>")])]), shared="<si><t>" + "x" * 40000 + "</t></si>"))

    # Decompression bombs: honest headers (3 GiB), and headers that claim 1 KB.
    write("bomb-declared.xlsx", zip_bomb("xl/worksheets/sheet1.xml", 3 * 1024**3))
    bomb = zip_bomb("xl/sharedStrings.xml", 1536 * 1024**2, lie=True)
    # Put the lying entry in a real workbook: the other parts first, the bomb last.
    write("bomb-lying.xlsx", lying_workbook(bomb))

    # Compound file with a sector chain that loops.
    write("cfb-cycle.xls", cfb_cycle())
    write("cfb-cycle.xlsx", cfb_cycle())

    # Password protected (kept as committed where msoffcrypto-tool is not installed: its
    # encryption is salted, so the file differs run to run anyway).
    try:
        write("encrypted.xlsx", encrypted(GOOD_XLSX))
    except ImportError:
        print("msoffcrypto-tool is not installed: encrypted.xlsx left as it is")

    # CSV and TSV oddities.
    write("nul-bytes.csv", team_csv.replace("roadmap", "road\0map").encode() + b"\0\0\0,\0\n")
    write("invalid-utf8.csv", b"Name,Title,Task\nAna \xff\xfe Lima,Product Manager,Own the \xc3\x28 roadmap\n")
    write("ragged.csv", "Name,Title,Task\nAna Lima,Product Manager,Own the roadmap,extra,cells\nBo\nCy,TPM\n")
    write("header-only.csv", "Name,Title,Task\n")
    write("bom-only.csv", b"\xef\xbb\xbf")
    write("unterminated-quote.csv", 'Name,Title,Task\nAna,"Product Manager,Own the roadmap\n')
    write("only-newlines.csv", "\n\n\n\r\n\r\n")
    write("binary-zeros.tsv", b"\0" * 4096)


def lying_workbook(bomb):
    """GOOD_XLSX's parts with its shared strings replaced by the lying bomb entry."""
    good = zipfile.ZipFile(io.BytesIO(GOOD_XLSX))
    others = zip_bytes([(i.filename, good.read(i.filename)) for i in good.infolist() if i.filename != "xl/sharedStrings.xml"])
    # Splice: the other parts' local entries, the bomb's local entry, then both directories.
    def split(z):
        end = z.rindex(b"PK\x05\x06")
        count, size, offset = struct.unpack_from("<HII", z, end + 10)
        return z[:offset], z[offset : offset + size], count
    a_local, a_central, a_count = split(others)
    b_local, b_central, b_count = split(bomb)
    b_central = bytearray(b_central)
    struct.pack_into("<I", b_central, 42, len(a_local))
    central = a_central + bytes(b_central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, a_count + b_count, a_count + b_count, len(central), len(a_local) + len(b_local), 0)
    return a_local + b_local + central + end


def encrypted(data):
    import msoffcrypto.format.ooxml  # noqa: F401  (PyPI: msoffcrypto-tool)
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("secret", out)
    return out.getvalue()


if __name__ == "__main__":
    main()
