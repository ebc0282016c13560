#!/usr/bin/env bash
# Validate pmdesk's Linux desktop integration files.
#
#   bash packaging/validate.sh        (from anywhere; needs desktop-file-utils and appstream)
#
# Runs desktop-file-validate and appstreamcli on the files in packaging/linux/, then
# checks that the application id, icon names and version agree everywhere.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() { echo "validate: FAILED: $*" >&2; exit 1; }

for tool in desktop-file-validate appstreamcli python3; do
    command -v "$tool" >/dev/null ||
        fail "$tool is not installed (Debian: apt-get install desktop-file-utils appstream)"
done

APP_ID="$(python3 -c 'import re,sys; print(re.search(r"^APP_ID = \"([^\"]+)\"", open("pmdesk/__init__.py").read(), re.M)[1])')"
DESKTOP="packaging/linux/$APP_ID.desktop"
METAINFO="packaging/linux/$APP_ID.metainfo.xml"

echo "== desktop-file-validate $DESKTOP"
out="$(desktop-file-validate "$DESKTOP" 2>&1)" || { echo "$out"; fail "$DESKTOP"; }
# desktop-file-validate exits 0 on hints and warnings; treat anything it says as a failure.
[ -z "$out" ] || { echo "$out"; fail "$DESKTOP has warnings"; }
echo "ok"

echo "== appstreamcli validate --no-net $METAINFO"
appstreamcli validate --no-net "$METAINFO" || fail "$METAINFO"

echo "== application id, icons and version agree"
python3 - "$APP_ID" <<'EOF' || fail "packaging files disagree (see above)"
import configparser
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

app_id = sys.argv[1]
problems = []

def expect(what, found, wanted):
    if found != wanted:
        problems.append(f"{what}: found {found!r}, expected {wanted!r}")

version = tomllib.loads(Path("pyproject.toml").read_text())["project"]["version"]
init = Path("pmdesk/__init__.py").read_text()
expect("pmdesk.__version__", f'__version__ = "{version}"' in init, True)

desktop = configparser.ConfigParser(interpolation=None)
desktop.optionxform = str
desktop.read(f"packaging/linux/{app_id}.desktop")
entry = desktop["Desktop Entry"]
expect("desktop Icon", entry.get("Icon"), app_id)

meta = ET.parse(f"packaging/linux/{app_id}.metainfo.xml").getroot()
expect("metainfo id", meta.findtext("id"), app_id)
expect("metainfo launchable", meta.findtext("launchable"), f"{app_id}.desktop")
releases = [r.get("version") for r in meta.iter("release")]
expect("newest metainfo release", releases[:1], [version])

mime = ET.parse(f"packaging/linux/{app_id}.mime.xml").getroot()
ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
mime_types = [m.get("type") for m in mime.iter(f"{ns}mime-type")]
expect("desktop MimeType", entry.get("MimeType", "").rstrip(";").split(";"), mime_types)

flatpak = Path(f"packaging/flatpak/{app_id}.yml").read_text()
expect("flatpak manifest id", f"id: {app_id}" in flatpak.splitlines(), True)

icons = Path("resources/icons")
wanted = [icons / f"{app_id}.svg", icons / f"{app_id}.ico", icons / f"{app_id}.icns"]
wanted += [icons / f"hicolor/{n}x{n}/apps/{app_id}.png" for n in (16, 24, 32, 48, 64, 128, 256, 512)]
for path in wanted:
    if not path.is_file():
        problems.append(f"missing icon {path} (run: python packaging/make_icons.py)")
for n in (16, 32, 256):
    path = icons / f"hicolor/{n}x{n}/apps/{app_id}.png"
    if path.is_file():
        data = path.read_bytes()
        size = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        expect(f"{path} size", size, (n, n))

for problem in problems:
    print(f"  {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
echo "ok: $APP_ID, version from pyproject.toml, $(ls resources/icons/hicolor | wc -l) icon sizes"
echo "validate: all packaging files are valid"
