#!/usr/bin/env bash
# Word 97-2003 renderings of the corpus (issue #15).  Run from anywhere.  Needs LibreOffice
# (soffice) only; the outputs are committed, the tests need nothing.
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
ls -la ./*.doc ./*.wps ../tests/data/legacy/
