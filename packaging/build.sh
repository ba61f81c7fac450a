#!/usr/bin/env bash
# Build the standalone application with packaging/sps_desk.spec (issue 16).
#
#     packaging/build.sh            # → dist/sps-desk/ and dist/sps-desk-VERSION-SYSTEM.tar.gz
#
# From a fresh clone it first makes .venv and installs the project with its `packaging`
# extra (PyInstaller), as `.venv/bin/pip install -e ".[packaging]"` would.
# One folder holding two executables, `sps-desk` (command line) and `SPS Desk` (window);
# on macOS also `dist/SPS Desk.app`. The same spec builds the Windows and macOS bundles
# (.github/workflows/installers.yml); here it builds the Linux one, which keeps the spec
# exercised. PYTHON (default: the .venv's), DIST (default dist) and BUILD (default
# build/pyinstaller) can be set in the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [[ -z "${PYTHON:-}" ]]; then
  [[ -d .venv ]] || python3 -m venv .venv
  PYTHON="$ROOT/.venv/bin/python"
  [[ -x "$PYTHON" ]] || PYTHON="$ROOT/.venv/Scripts/python.exe"  # Windows
  if ! "$PYTHON" -c "import PyInstaller, sps_desk" 2> /dev/null; then
    echo "build : installation du projet et de PyInstaller dans .venv (extra « packaging »)"
    "$PYTHON" -m pip install -q -e ".[packaging]"
  fi
fi
DIST="${DIST:-$ROOT/dist}"
BUILD="${BUILD:-$ROOT/build/pyinstaller}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n 1)"

if ! "$PYTHON" -c "import PyInstaller" 2> /dev/null; then
  echo "build : PyInstaller manque dans $PYTHON : installez l'extra « packaging »" >&2
  exit 1
fi
# The window's icons are drawn from packaging/icon/sps_desk.svg and committed.
for size in 16 32 48 256; do
  [[ -s "sps_desk/resources/icons/sps_desk-$size.png" ]] \
    || { echo "build : icônes absentes ; lancez packaging/icon/make_icons.py" >&2; exit 1; }
done

started=$SECONDS
rm -rf "$DIST/sps-desk" "$DIST/SPS Desk.app"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD" packaging/sps_desk.spec
echo "Construit en $((SECONDS - started)) s : $DIST/sps-desk"

case "$(uname -s)" in
  Linux)
    # Debugging symbols are a third of the bundle (libpython, SQLCipher, Python's own
    # modules). Only files that carry them are stripped: PyInstaller's strip option would
    # also rewrite the wheels' already stripped, relocated libraries (NumPy then fails).
    while IFS= read -r -d '' binary; do
      # (grep reads all of it: with -q, readelf could die of SIGPIPE and, under
      # pipefail, the file would be left unstripped.)
      if readelf -S "$binary" 2> /dev/null | grep '\.debug_info' > /dev/null; then
        strip --strip-debug "$binary"
      fi
    done < <(find "$DIST/sps-desk" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
    # Each executable carries its own copy of the Python modules (10 MB). Linux has no
    # console/windowed distinction and `sps-desk` without argument opens the window, so
    # `SPS Desk` is a link to it there (Windows and macOS keep the windowed executable).
    ln -sfn sps-desk "$DIST/sps-desk/SPS Desk"
    system="linux-$(uname -m)"
    archive="$DIST/sps-desk-$VERSION-$system.tar.gz"
    tar -C "$DIST" -czf "$archive" sps-desk
    unpacked=$(du -sk "$DIST/sps-desk" | cut -f1)
    packed=$(du -k "$archive" | cut -f1)
    echo "Taille : $((unpacked / 1024)) Mo dépliée, $((packed / 1024)) Mo compressée ($archive)"
    ;;
esac
