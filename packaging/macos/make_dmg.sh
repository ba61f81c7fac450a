#!/usr/bin/env bash
# The macOS disk image of SPS Desk (issue 16), from "dist/SPS Desk.app".
#
#     packaging/build.sh && packaging/macos/make_dmg.sh
#
# packaging/build.sh on macOS makes "dist/SPS Desk.app" with the same spec (the window's
# executable is the app's main one; `sps-desk`, the command line, sits beside it in
# Contents/MacOS). This script puts the app and a link to /Applications in a compressed
# disk image, dist/SPS-Desk-VERSION-macos-ARCH.dmg: the user drags the app onto the link.
# The app is signed ad hoc (PyInstaller does it): without an Apple developer identity
# and notarization, macOS asks once to confirm the opening (README). macOS only (hdiutil);
# .github/workflows/installers.yml runs it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
APP="$DIST/SPS Desk.app"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n 1)"
[[ -d "$APP" ]] || { echo "make_dmg : $APP absent (lancez packaging/build.sh)" >&2; exit 1; }

codesign --verify --deep --strict "$APP"  # the ad hoc signature is whole
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
image="$DIST/SPS-Desk-$VERSION-macos-$(uname -m).dmg"
hdiutil create -volname "SPS Desk $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO \
  -ov "$image"
echo "Image disque : $image"
