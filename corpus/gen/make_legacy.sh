#!/usr/bin/env bash
# Word 97-2003 renderings of the corpus (issue #15).  Run from anywhere.  Needs LibreOffice
# (soffice) and python3 (+ easyofd for the image-only OFD: PYTHON=/path/to/venv/python); the
# outputs are committed, the tests need nothing.
#  - corpus/<id>.doc: every corpus .docx saved by LibreOffice as Word 97-2003 (.doc); the
#    tracked-changes (a02) and auto-numbered (e01) variants keep their deletions and list numbering
#  - corpus/m01-mediation.wps: the same OLE2 Word-binary format under WPS Office's .wps name
#  - tests/data/legacy/features.doc: header/footer/footnote, hyperlink and page-count fields,
#    a table, a line break (gen/make_legacy_doc.py)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(mktemp -d); LO_PROFILE=$(mktemp -d)
trap 'rm -rf "$BUILD" "$LO_PROFILE"' EXIT
LO=(soffice --headless -env:UserInstallation=file://$LO_PROFILE)
"${LO[@]}" --convert-to 'doc:MS Word 97' --outdir "$BUILD" ./*.docx >/dev/null 2>&1
for f in "$BUILD"/*.doc; do cp "$f" .; done
cp "$BUILD/m01-mediation.doc" m01-mediation.wps
python3 gen/make_legacy_doc.py "$BUILD/features.fodt"
"${LO[@]}" --convert-to 'doc:MS Word 97' --outdir "$BUILD" "$BUILD/features.fodt" >/dev/null 2>&1
mkdir -p ../tests/data/legacy
cp "$BUILD/features.doc" ../tests/data/legacy/features.doc

# OFD renderings (the documents that have a DOCX rendering) with a text layer, in two producer
# layouts (gen/make_ofd.py; python3 only): <id>.ofd one TextObject per line, <id>.char.ofd per character
NO_FOOTER=" u01-single-item a01-appeal-affirm m01-mediation p02-return-specific "
for d in ./*.docx; do
  id=$(basename "$d" .docx)
  flag=(); [[ "$NO_FOOTER" == *" $id "* ]] && flag=(--no-footer)
  python3 gen/make_ofd.py "$id" "$id.ofd" --layout line "${flag[@]}"
  python3 gen/make_ofd.py "$id" "$id.char.ofd" --layout char "${flag[@]}"
done
# image-only OFD (READ006): easyofd renders each PDF page as an image (pip install easyofd)
PY=${PYTHON:-python3}
if $PY -c 'import easyofd' 2>/dev/null; then
  # (easyofd writes a ./test folder: run it elsewhere)
  (cd "$BUILD" && $PY "$OLDPWD/gen/make_scanned_ofd.py" "$OLDPWD/s01-scanned.pdf" "$OLDPWD/s01-scanned.ofd")
else
  echo "easyofd not installed: s01-scanned.ofd left as it is" >&2
fi
