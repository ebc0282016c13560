#!/usr/bin/env bash
# Build pmdesk's one-folder app with PyInstaller and smoke-test the frozen executable.
#
#   bash packaging/smoke_test.sh          (from anywhere; as root on a bare Debian 12 it
#                                          installs binutils, which PyInstaller needs)
#
# Creates .venv-pack/ at the repository root (reused while pyproject.toml is unchanged),
# builds dist/pmdesk/, checks that every resource and migration is inside it, then runs
# the frozen app's headless commands in a temporary folder with a temporary HOME.
# Any failure stops the script with a non-zero exit and a "smoke test FAILED" line.
#
# Environment: PYTHON (default python3), PMDESK_PACK_VENV (default .venv-pack),
# PMDESK_SMOKE_GUI=0 to skip starting the window offscreen.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${PMDESK_PACK_VENV:-$ROOT/.venv-pack}"
DIST="$ROOT/dist/pmdesk"
LOGS="$ROOT/build/smoke-logs"
START=$SECONDS

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }
show_log() { echo "---- last lines of $1 ----" >&2; tail -n "${2:-40}" "$1" >&2; }

mkdir -p "$LOGS"

# ---------------------------------------------------------------- prerequisites
apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        step "installing $* (apt)"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" ||
               { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; }; \
             } >"$LOGS/apt.log" 2>&1; then
            show_log "$LOGS/apt.log"
            fail "could not install $*"
        fi
    else
        fail "missing $* (install the Debian packages, or their equivalent, and rerun)"
    fi
}

command -v "$PYTHON" >/dev/null || fail "$PYTHON not found (set PYTHON=/path/to/python3.11+)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    fail "$PYTHON is $("$PYTHON" -V 2>&1); pmdesk needs Python 3.11 or newer"
# PyInstaller reads shared-library dependencies with objdump and ldd.
command -v objdump >/dev/null || apt_install binutils
# ... and bundles the shared libpython, which Debian ships apart from the interpreter.
PYLIB="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("INSTSONAME") or "")')"
PYLIBDIR="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')"
if [ -n "$PYLIB" ] && [ ! -e "$PYLIBDIR/$PYLIB" ] &&
   ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -qF "$PYLIB"; then
    apt_install "lib$("$PYTHON" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}")')"
fi

# ---------------------------------------------------------------- build venv
STAMP="$VENV/.pmdesk-pack-stamp"
WANT="$(cksum <pyproject.toml) pyinstaller>=6.10"
if [ ! -x "$VENV/bin/pyinstaller" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
    step "preparing the build environment in ${VENV#"$ROOT"/}"
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV" >"$LOGS/venv.log" 2>&1 || {
            show_log "$LOGS/venv.log"
            fail "could not create a venv (Debian: apt-get install python3-venv)"
        }
    fi
    # Editable, so the build always sees the checkout's current source.
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q \
        -e "$ROOT" "pyinstaller>=6.10" >"$LOGS/pip.log" 2>&1 || {
        show_log "$LOGS/pip.log"
        fail "pip could not install pmdesk and PyInstaller"
    }
    echo "$WANT" >"$STAMP"
fi

# ---------------------------------------------------------------- build
step "building dist/pmdesk with $("$VENV/bin/pyinstaller" --version 2>/dev/null | sed 's/^/PyInstaller /')"
BUILD_START=$SECONDS
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/pmdesk.spec >"$LOGS/pyinstaller.log" 2>&1 || {
    show_log "$LOGS/pyinstaller.log"
    fail "PyInstaller build failed (full log: ${LOGS#"$ROOT"/}/pyinstaller.log)"
}
BUILD_SECONDS=$((SECONDS - BUILD_START))
EXE="$DIST/pmdesk"
[ -x "$EXE" ] || fail "the build produced no $EXE"
INTERNAL="$DIST/_internal"
[ -d "$INTERNAL" ] || INTERNAL="$DIST"
SIZE_MB=$(( $(du -sk "$DIST" | cut -f1) / 1024 ))
FILES=$(find "$DIST" -type f | wc -l)
echo "built in ${BUILD_SECONDS} s: dist/pmdesk is ${SIZE_MB} MB in ${FILES} files"

# ---------------------------------------------------------------- bundle contents
step "checking that resources and migrations are in the bundle"
missing=()
while IFS= read -r -d '' file; do
    rel="${file#./}"
    [ -f "$INTERNAL/resources/$rel" ] || missing+=("resources/$rel")
done < <(cd resources && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0)
while IFS= read -r -d '' file; do
    rel="${file#./}"
    [ -f "$INTERNAL/pmdesk/store/migrations/$rel" ] || missing+=("pmdesk/store/migrations/$rel")
done < <(cd pmdesk/store/migrations && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0)
if [ ${#missing[@]} -gt 0 ]; then
    printf '  missing from the bundle: %s\n' "${missing[@]}" >&2
    fail "${#missing[@]} resource or migration files are not in dist/pmdesk"
fi
[ -n "$(ls "$INTERNAL"/pmdesk/store/migrations/versions/*.py 2>/dev/null)" ] ||
    fail "no Alembic revision in the bundle"
echo "ok: $(cd resources && find . -type f ! -path '*/__pycache__/*' | wc -l) resource files," \
     "$(ls "$INTERNAL"/pmdesk/store/migrations/versions/*.py | wc -l) migration(s)"

# ---------------------------------------------------------------- run the frozen app
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
cd "$WORK"
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share"
export XDG_CONFIG_HOME="$WORK/home/.config" XDG_CACHE_HOME="$WORK/home/.cache"
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8
unset PYTHONPATH PYTHONHOME

# run NAME EXPECTED_EXIT CMD...: run the frozen app, keep its output, fail on a surprise.
run() {
    local name="$1" expected="$2"
    shift 2
    local rc=0
    "$EXE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    if [ "$rc" != "$expected" ]; then
        echo "---- pmdesk $* (exit $rc) ----" >&2
        cat "$WORK/$name.out" "$WORK/$name.err" >&2
        fail "'pmdesk $*' exited $rc, expected $expected"
    fi
    if grep -q "Traceback (most recent call last)" "$WORK/$name.err"; then
        cat "$WORK/$name.err" >&2
        fail "'pmdesk $*' printed a traceback"
    fi
}

VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("'"$ROOT"'/pyproject.toml", "rb"))["project"]["version"])')"
step "pmdesk --version"
run version 0 --version
[ "$(cat "$WORK/version.out")" = "pmdesk $VERSION" ] ||
    fail "--version printed '$(cat "$WORK/version.out")', expected 'pmdesk $VERSION'"
cat "$WORK/version.out"

step "pmdesk --help"
run help 0 --help
grep -Eo '^    [a-z]+ ' "$WORK/help.out" | tr -s ' \n' ' ' | sed 's/^ */commands: /'; echo
HAS_EXPORT=0
grep -Eq '^\s+export\b' "$WORK/help.out" && HAS_EXPORT=1

step "pmdesk demo W.pmdesk"
run demo 0 demo W.pmdesk
[ -s W.pmdesk ] || fail "demo wrote no W.pmdesk"
cat "$WORK/demo.out"

step "pmdesk check W.pmdesk"
run check 0 check W.pmdesk
sed 's/^/  /' "$WORK/check.out"

step "pmdesk backup W.pmdesk -o copy.pmdesk, then check the copy"
run backup 0 backup W.pmdesk -o copy.pmdesk
run check-copy 0 check copy.pmdesk
cat "$WORK/backup.out"

step "pmdesk check on a file that is not a workspace (expect one clear line, exit 1)"
echo "not a workspace" >notes.txt
run check-bad 1 check notes.txt
[ "$(wc -l <"$WORK/check-bad.err")" -ge 1 ] || fail "no error message for a bad workspace"
head -n 3 "$WORK/check-bad.err"

if [ "$HAS_EXPORT" = 1 ]; then
    step "pmdesk export onepager W.pmdesk -o onepager.pdf"
    run export 0 export onepager W.pmdesk -o onepager.pdf
    [ -s onepager.pdf ] || fail "export wrote no onepager.pdf"
    [ "$(head -c 5 onepager.pdf)" = "%PDF-" ] || fail "onepager.pdf is not a PDF"
    grep -aq "DejaVu" onepager.pdf ||
        fail "onepager.pdf does not embed the bundled DejaVu Sans (resources/fonts not found?)"
    echo "ok: onepager.pdf, $(wc -c <onepager.pdf) bytes, DejaVu Sans embedded"
else
    step "SKIP export onepager: this version's 'pmdesk --help' lists no export command"
fi

# Start the window offscreen for a few seconds, on W.pmdesk and then as a first run
# (no argument: the default workspace is created with the sample). Catches Qt plugins
# or modules the build missed. Needs the system libraries listed in packaging/README.md.
# window NAME ARGS...: run the app for 5 s; it must still be running (or exit 0) then.
window() {
    local name="$1" rc=0
    shift
    timeout 5 "$EXE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    if { [ "$rc" != 124 ] && [ "$rc" != 0 ]; } ||
       grep -q "Traceback (most recent call last)" "$WORK/$name.err"; then
        cat "$WORK/$name.out" "$WORK/$name.err" >&2
        fail "the window did not start cleanly: 'pmdesk $*' (exit $rc)"
    fi
}
HAS_WINDOW=0
for module in pmdesk/ui/main_window.py pmdesk/gui.py pmdesk/gui/__init__.py; do
    [ -f "$ROOT/$module" ] && HAS_WINDOW=1
done
if [ "${PMDESK_SMOKE_GUI:-1}" = 0 ]; then
    step "SKIP window start: PMDESK_SMOKE_GUI=0"
elif [ "$HAS_WINDOW" = 0 ]; then
    step "SKIP window start: this version has no main window yet"
else
    QTGUI="$(find "$INTERNAL" -name 'libQt6Gui.so.6' | head -n 1)"
    absent="$(LD_LIBRARY_PATH="$INTERNAL:$(dirname "$QTGUI")" ldd "$QTGUI" 2>/dev/null |
              awk '/not found/ {print $1}' | tr '\n' ' ')"
    if [ -n "$absent" ]; then
        step "SKIP window start: system libraries missing here: $absent(see packaging/README.md)"
    else
        step "pmdesk W.pmdesk (window, offscreen, 5 s)"
        window gui W.pmdesk
        echo "ok: the window ran until stopped"
        step "pmdesk (first run, offscreen, 5 s)"
        window first-run
        FIRST="$XDG_DATA_HOME/pmdesk/workspace.pmdesk"
        [ -s "$FIRST" ] || fail "the first run created no default workspace at $FIRST"
        run check-first 0 check "$FIRST"
        echo "ok: first run created ${FIRST#"$WORK"/} and it passes 'pmdesk check'"
    fi
fi

echo "smoke test passed: PyInstaller build ${BUILD_SECONDS} s, dist/pmdesk ${SIZE_MB} MB" \
     "(${FILES} files), whole script $((SECONDS - START)) s"
