"""Generate pmdesk's PNG, ICO and ICNS icons from the hand-written SVG.

Usage (from the repository root, with pmdesk's dependencies installed):

    python packaging/make_icons.py            # write the icons into resources/icons/
    python packaging/make_icons.py --check    # exit 1 if a generated icon is missing

The SVG is rendered with QtSvg (PySide6 is already a pmdesk dependency), so no other
tool is needed. Shapes carrying ``data-min-size="N"`` are left out of renders smaller
than N pixels; hidden groups carrying ``data-max-size="N"`` (pixel-aligned redraws for
tiny sizes) are shown only in renders of at most N pixels. The ICO and ICNS containers
hold PNG images, which Windows Vista+ and macOS 10.7+ read natively.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.pmdesk.Pmdesk"
SOURCE = ICONS / f"{APP_ID}.svg"

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Same entries as Apple's iconutil writes for a full .iconset (PNG payloads).
ICNS_TYPES = (
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128 pt @2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256 pt @2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt @2x
)

SVG_NS = "http://www.w3.org/2000/svg"


def hicolor_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def svg_for_size(source: bytes, size: int) -> bytes:
    """Return the SVG as drawn at ``size`` pixels.

    Shapes with ``data-min-size`` larger than ``size`` are removed; groups with
    ``data-max-size`` are removed when ``size`` is larger, and shown otherwise.
    """
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(source)
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        min_size = element.get("data-min-size")
        max_size = element.get("data-max-size")
        if (min_size is not None and size < int(min_size)) or (
            max_size is not None and size > int(max_size)
        ):
            parents[element].remove(element)
        elif max_size is not None:
            element.attrib.pop("display", None)
    return ET.tostring(root)


def render_png(source: bytes, size: int) -> bytes:
    """Render the SVG to a square PNG of ``size`` pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg_for_size(source, size)))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit(f"make_icons: could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into a Windows .ico container."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into a macOS .icns container (with a table of contents)."""
    chunks = [(kind, pngs[size]) for kind, size in ICNS_TYPES]
    toc = b"TOC " + struct.pack(">I", 8 + 8 * len(chunks))
    toc += b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in chunks)
    body = toc + b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def outputs() -> list[Path]:
    return [hicolor_path(n) for n in HICOLOR_SIZES] + [
        ICONS / f"{APP_ID}.ico",
        ICONS / f"{APP_ID}.icns",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check that every generated icon exists and is newer than the SVG",
    )
    args = parser.parse_args()

    if args.check:
        stale = [p for p in outputs()
                 if not p.is_file() or p.stat().st_mtime < SOURCE.stat().st_mtime]
        for path in stale:
            print(f"make_icons: missing or older than the SVG: {path.relative_to(ROOT)}",
                  file=sys.stderr)
        return 1 if stale else 0

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    source = SOURCE.read_bytes()
    needed = set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = {size: render_png(source, size) for size in sorted(needed)}

    for size in HICOLOR_SIZES:
        path = hicolor_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
    (ICONS / f"{APP_ID}.ico").write_bytes(build_ico({n: pngs[n] for n in ICO_SIZES}))
    (ICONS / f"{APP_ID}.icns").write_bytes(build_icns(pngs))
    for path in outputs():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
