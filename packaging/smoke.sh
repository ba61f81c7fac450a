#!/usr/bin/env bash
# Run the packaged application as a user would, from an empty temporary HOME (issue 16).
#
#     packaging/smoke.sh [BUNDLE]
#
# BUNDLE: the folder built by packaging/build.sh (default dist/sps-desk), or on macOS the
# "SPS Desk.app" bundle. Every command of the README's journey runs with the bundle's
# own executables: init with a passphrase file, demo, report (fonts embedded: pdffonts),
# export, consolidate, key --qr, init --join from a photo of the QR code, import (CSV;
# .xls and .ods read, then refused: unknown educator), bundle, merge (refused, then
# --trust), the chief's return bundle, rights-export (Arabic letters, fonts embedded in
# every PDF), a screenshot of each page
# whose text must be French, the window's own executable, and the support log (present,
# without any of the synthetic personal data typed here). Any failure stops with a French
# line and exit status 1. Needs bash, pdffonts/pdftotext (poppler) and python3 (to read
# the translation file in check_texts.py); ImageMagick, if present, makes the QR photo a
# JPEG as a phone would.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/sps-desk}" && pwd)"
PYTHON="${PYTHON:-python3}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n 1)"

case "$BUNDLE" in
  *.app) CLI="$BUNDLE/Contents/MacOS/sps-desk"; WINDOW="$BUNDLE/Contents/MacOS/SPS Desk" ;;
  *)
    if [[ -e "$BUNDLE/sps-desk.exe" ]]; then
      CLI="$BUNDLE/sps-desk.exe"; WINDOW="$BUNDLE/SPS Desk.exe"
    else
      CLI="$BUNDLE/sps-desk"; WINDOW="$BUNDLE/SPS Desk"
    fi ;;
esac
[[ -x "$CLI" ]] || { echo "smoke : pas d'exécutable $CLI (lancez packaging/build.sh)" >&2; exit 1; }
[[ -x "$WINDOW" ]] || { echo "smoke : pas d'exécutable $WINDOW" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sps-desk-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME SPS_DESK_LANG \
  SPS_DESK_PASSPHRASE SPS_DESK_DATA_DIR
export QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$WORK/travail"
cd "$WORK/travail"

case "$(uname -s)" in
  Darwin) LOG_DIR="$HOME/Library/Logs/sps_desk" ;;
  MINGW* | MSYS* | CYGWIN*) LOG_DIR="$(cygpath -u "$LOCALAPPDATA")/sps_desk/Logs" ;;
  *) LOG_DIR="$HOME/.local/state/sps_desk/log" ;;
esac
LOG="$LOG_DIR/sps_desk.log"

# Synthetic personal data (never a real person): none of it may reach the log.
SERVICE="SPS Ğüzelyurt – Дмитрий"
CHIEF="Zoé Ğüzel"
EDUCATOR="Inès Дмитрий"
NICKNAME="Amîna-أمينة"
YOUNG_CODE="J-7KQ2MX"
PASSPHRASE="Cœur-de-lion ğüş 2025 ! phrase du test de fumée : ornière, glaïeul, Łódź"
printf '%s\n' "$PASSPHRASE" > phrase.txt

fail() {
  echo "smoke : ÉCHEC — $*" >&2
  # The support log says which module is missing (it holds no personal data).
  [[ -f "$LOG" ]] && grep "ERROR" "$LOG" | tail -n 3 >&2
  exit 1
}
TIMINGS=()
# step NAME COMMAND…: run, keep its output in NAME.out, note its duration.
step() {
  local name="$1"; shift
  local started=$SECONDS
  if ! "$@" > "$name.out" 2>&1; then
    cat "$name.out" >&2
    fail "$name : la commande a échoué"
  fi
  TIMINGS+=("$name $((SECONDS - started)) s")
  echo "ok  $name ($((SECONDS - started)) s)"
}
fonts_embedded() {
  local listing
  listing="$(pdffonts "$1" | tail -n +3)"
  [[ -n "$listing" ]] || fail "aucune police dans $1"
  printf '%s\n' "$listing" | awk '$(NF-4) != "yes" { print; bad = 1 } END { exit bad }' \
    || fail "police non incorporée dans $1"
}
contains() { grep -qF -- "$2" "$1" || fail "$1 ne contient pas « $2 »"; }

step version "$CLI" --version
contains version.out "sps_desk $VERSION"

step init "$CLI" init --db service.sps --passphrase-file phrase.txt \
  --service-name "$SERVICE" --user-name "$CHIEF" --recovery-key-out secours.txt
[[ -s service.sps && -s service.sps.keys ]] || fail "init : base ou fichier de clés absent"
RECOVERY_KEY="$(grep -oE '[A-Z2-7]{4}(-[A-Z2-7]{4}){12}' secours.txt | head -n 1)"
[[ -n "$RECOVERY_KEY" ]] || fail "init : clé de secours absente de secours.txt"

step demo "$CLI" demo --db service.sps --passphrase-file phrase.txt --year 2025 --seed 1
contains demo.out "Année de démonstration 2025"

step report "$CLI" report --db service.sps --passphrase-file phrase.txt --year 2025 --out rapport
fonts_embedded rapport/rapport-activite-2025.pdf
pdftotext -l 1 rapport/rapport-activite-2025.pdf rapport.txt
contains rapport.txt "Rapport d'activité"
[[ -s rapport/statistiques-2025.xlsx ]] || fail "rapport : classeur absent"

step export "$CLI" export --db service.sps --passphrase-file phrase.txt --year 2025 \
  --out statistiques-2025.json
SERVICE_PRINT="$(sed -n 's/.*empreinte \([0-9A-F]\{4\}\( [0-9A-F]\{4\}\)\{4\}\).*/\1/p' export.out | head -n 1)"
[[ -n "$SERVICE_PRINT" ]] || fail "export : empreinte du service absente"

step consolidate "$CLI" consolidate statistiques-2025.json --out departement \
  --trust "$SERVICE_PRINT"
pdftotext departement/consolidation-departementale-2025.pdf consolidation.txt
contains consolidation.txt "consolidation départementale 2025"
fonts_embedded departement/consolidation-departementale-2025.pdf

step key "$CLI" key --db service.sps --passphrase-file phrase.txt --out service.spskey \
  --qr service.png
QR=service.png
if command -v magick > /dev/null; then magick service.png -quality 90 photo-qr.jpg && QR=photo-qr.jpg
elif command -v convert > /dev/null; then convert service.png -quality 90 photo-qr.jpg && QR=photo-qr.jpg
fi

step join "$CLI" init --db ines.sps --passphrase-file phrase.txt --join "$QR" \
  --user-name "$EDUCATOR"
contains join.out "$SERVICE_PRINT"

printf 'Code;Surnom;Sexe;Année de naissance\n%s;%s;F;2009\n' "$YOUNG_CODE" "$NICKNAME" \
  > jeunes.csv
step import "$CLI" import --db ines.sps --passphrase-file phrase.txt --kind young jeunes.csv
# Excel 97 and LibreOffice sheets (olefile, calamine): read, then refused because their
# educator is not in the base — the refusal names them, so the cells were read right.
for sheet in heures.xls heures.ods; do
  if "$CLI" import --db ines.sps --passphrase-file phrase.txt --kind time \
      "$ROOT/tests/fixtures/spreadsheets/$sheet" > "import-$sheet.out" 2>&1; then
    fail "import $sheet : un professionnel inconnu a été accepté"
  fi
  contains "import-$sheet.out" "professionnel inconnu dans la base : « Дмитрий Ø. »"
  echo "ok  import-$sheet (refusé comme attendu)"
done

step bundle "$CLI" bundle --db ines.sps --passphrase-file phrase.txt --out ines.spsb
LAPTOP_PRINT="$(sed -n 's/.*Empreinte de cet ordinateur : \([0-9A-F ]\{24\}\).*/\1/p' bundle.out)"
[[ -n "$LAPTOP_PRINT" ]] || fail "bundle : empreinte de l'ordinateur absente"

if "$CLI" merge --db service.sps --passphrase-file phrase.txt ines.spsb > refused.out 2>&1; then
  fail "merge : un ordinateur inconnu a été accepté sans --trust"
fi
contains refused.out "ordinateur inconnu"
step merge "$CLI" merge --db service.sps --passphrase-file phrase.txt ines.spsb \
  --trust "$LAPTOP_PRINT"
step return-bundle "$CLI" bundle --db service.sps --passphrase-file phrase.txt \
  --for "$EDUCATOR" --out pour-ines.spsb
step return-merge "$CLI" merge --db ines.sps --passphrase-file phrase.txt pour-ines.spsb

# The right of access: names in Arabic letters shaped for the PDF, fonts embedded.
step rights "$CLI" rights-export --db service.sps --passphrase-file phrase.txt \
  --young "$YOUNG_CODE" --out droits
fonts_embedded droits/droits-acces-*.pdf
pdftotext droits/droits-acces-*.pdf droits.txt
contains droits.txt "Droit d'accès"
contains droits.txt "Amîna-"

# Each page in French: its texts, read from the widgets the image is grabbed from.
expected_on() {  # (no associative array: macOS ships bash 3.2)
  case "$1" in
    accueil) echo "L'année en cours|Mois par mois|À vérifier" ;;
    terrain) echo "Rencontres anonymes|Professionnels présents" ;;
    jeunes) echo "Rechercher|Date de naissance" ;;
    accompagnements) echo "Problématiques à l'origine de l'accompagnement|Référent" ;;
    actions) echo "Actions collectives|Participants anonymes" ;;
    temps) echo "Ajouter des heures|Feuille de temps" ;;
    rapport) echo "Générer le rapport|Perspectives" ;;
  esac
}
for page in accueil terrain jeunes accompagnements actions temps rapport; do
  step "capture-$page" "$CLI" screenshot --db service.sps --passphrase-file phrase.txt \
    --page "$page" --out "captures/$page.png" --texts "captures/$page.txt"
  [[ -s "captures/$page.png" ]] || fail "capture $page : image vide"
  expect=(--expect Fichier --expect Aide)
  IFS='|' read -ra words <<< "$(expected_on "$page")"
  for word in "${words[@]}"; do expect+=(--expect "$word"); done
  "$PYTHON" "$ROOT/packaging/check_texts.py" "captures/$page.txt" "${expect[@]}" \
    || fail "capture $page : l'interface n'est pas en français"
done

# The window's own executable: it starts, loads the French translations and waits in
# the creation dialog (no base yet in this HOME).
started=$SECONDS
"$WINDOW" > window.out 2>&1 &
window_pid=$!
for _ in $(seq 1 120); do
  grep -q "traductions : " "$LOG" 2> /dev/null && break
  kill -0 "$window_pid" 2> /dev/null || break
  sleep 0.5
done
kill -0 "$window_pid" 2> /dev/null || { cat window.out >&2; fail "la fenêtre s'est arrêtée"; }
kill "$window_pid"; wait "$window_pid" 2> /dev/null || true
grep -q "démarrage : sps_desk $VERSION, fenêtre" "$LOG" || fail "journal : démarrage de la fenêtre absent"
grep -q "traductions : .*qtbase_fr.qm" "$LOG" || fail "fenêtre : traduction de Qt non chargée"
grep -q "traductions : .*sps_desk_fr.qm" "$LOG" || fail "fenêtre : traduction française non chargée"
TIMINGS+=("fenêtre $((SECONDS - started)) s")
echo "ok  fenêtre ($((SECONDS - started)) s)"

# The support log: where the platform keeps logs, useful, and without personal data.
[[ -s "$LOG" ]] || fail "journal absent : $LOG"
grep -q "démarrage : sps_desk $VERSION, commande init, .*(autonome)" "$LOG" \
  || fail "journal : démarrage de la commande absent"
grep -q "base ouverte" "$LOG" || fail "journal : ouverture de la base absente"
grep -q "\[SPS-.*ordinateur inconnu" "$LOG" || fail "journal : l'erreur du paquet refusé manque"
if grep -q "aperçu PDF indisponible" "$LOG"; then fail "QtPdf manque : la page Rapport n'affiche pas le PDF"; fi
for secret in "$SERVICE" "$CHIEF" "$EDUCATOR" "Ğüzel" "Дмитрий" "Inès" "$NICKNAME" "أمينة" \
              "$PASSPHRASE" "ornière" "$RECOVERY_KEY" "$YOUNG_CODE" "Ø." \
              "$HOME" "$WORK"; do
  [[ -n "$secret" ]] || continue
  if grep -qF -- "$secret" "$LOG_DIR"/*; then
    fail "journal : une donnée personnelle y figure (« $secret »)"
  fi
done

echo "Test de fumée réussi : $BUNDLE"
printf '  %s\n' "${TIMINGS[@]}"
