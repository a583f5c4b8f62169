#!/usr/bin/env bash
# Rebuild every generated file of corpus/ from the .txt documents and sections/*.tsv.  Run from anywhere.
# Needs (Debian 12): libreoffice-writer, chromium, poppler-utils, fonts-noto-cjk, qpdf, python3 + fontTools
# (pip install fonttools).  The outputs are committed: tests need none of these programs.
# Does NOT touch the .txt files, sections/ or the labels (run gen/make_labels.py for those).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(mktemp -d); LO_PROFILE=$(mktemp -d)
trap 'rm -rf "$BUILD" "$LO_PROFILE"' EXIT
LO=(soffice --headless -env:UserInstallation=file://$LO_PROFILE)
CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
              --disable-component-update --disable-sync --no-pdf-header-footer)
chrome_pdf() {  # chrome_pdf IN.html OUT.pdf
  local udd; udd=$(mktemp -d)
  timeout 180 chromium "${CHROME_FLAGS[@]}" --user-data-dir="$udd" --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
  rm -rf "$udd"
}

# documents rendered to DOCX + LibreOffice PDF + Chromium PDF
ALL=(c01-loan-clean c02-sales-clean u01-single-item a01-appeal-affirm a02-appeal-modify m01-mediation
        k01-criminal-theft d01-divorce-vague d02-divorce-specific p01-return-vague p02-return-specific
        w03-notice-appendix e01-restore-nuisance r01-withdraw-ruling e02-capital-withdraw
        e03-distribution-objection e04-amount-mismatch f01-no-fee i01-id-missing i02-id-invalid
        i03-masked-draft w01-warning-after-signature w02-warning-in-reasoning w04-no-delay-notice
        v01-public-masked v02-public-leak
        t01-state-compensation t02-subtitle-line t03-title-first t04-masked-number t05-notice-before
        t07-summary-appendix t08-colon-line t09-fee-items t10-criminal-notes
        c01-loan-clean-draft c02-sales-clean-draft m01-mediation-draft d01-divorce-vague-draft
        q01-appeal-upheld q02-retrial-revoked n01-shared-deadline n02-labour-obligations m02-mediation-instalments m03-mediation-no-date z01-execution-termination k02-criminal-vague-property k03-criminal-specific-property f02-fee-after-affirm w05-creditor-time-limit e05-money-no-amount i04-placeholders-parties
        b01-preservation-pre-suit-vague b02-preservation-suit-vague b03-preservation-limited b04-preservation-identified
        b05-preservation-vehicle-share b06-preservation-rejected b07-judgment-preservation-unrecorded
        b08-judgment-preservation-recorded b09-mediation-preservation-fee h01-fee-prepaid-unsettled h02-fee-refund-collect
        h03-fee-direct-payment h04-individual-business-operator h05-inheritance-vague h06-inheritance-specific
        h07-transfer-vague h08-transfer-specific h09-stop-infringement-vague h10-stop-infringement-specific
        g01-interest-vague g02-interest-specific g03-continue-vague g04-continue-specific g05-visitation-vague g06-visitation-specific g07-blank-items g08-apology-vague g09-apology-specific g10-criminal-list-missing g11-criminal-list-attached g12-share-vague g13-share-specific)
# regen.sh ID...  re-renders only those documents (steps 1-3) and leaves every other file alone
if [ $# -gt 0 ]; then RENDER=("$@"); ONLY=1; else RENDER=("${ALL[@]}"); ONLY=0; fi
NO_FOOTER=" u01-single-item a01-appeal-affirm m01-mediation p02-return-specific "   # no page numbers

# 0. TrueType subsets of Noto Serif/Sans CJK SC for Chromium (CIDFontType2 instead of Type 3 => small PDFs)
python3 gen/make_ttf.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc 2 "$BUILD/serif.ttf" ./*.txt
python3 gen/make_ttf.py /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc 2 "$BUILD/sansbold.ttf" ./*.txt

# 1. sources: flat ODT for LibreOffice, HTML for Chromium
for id in "${RENDER[@]}"; do
  flag=(); [[ "$NO_FOOTER" == *" $id "* ]] && flag=(--no-footer)
  python3 gen/render.py "$id" "$BUILD" "${flag[@]}" --ttf "$BUILD"
done

# 2. DOCX and PDF via LibreOffice (PDF: Type 1/CFF subsets of Noto CJK with ToUnicode)
"${LO[@]}" --convert-to 'docx:MS Word 2007 XML' --outdir "$BUILD" "$BUILD"/*.fodt >/dev/null 2>&1
"${LO[@]}" --convert-to pdf:writer_pdf_Export --outdir "$BUILD" "$BUILD"/*.fodt >/dev/null 2>&1
for id in "${RENDER[@]}"; do
  cp "$BUILD/$id.pdf" "$id.lo.pdf"
  case "$id" in
    a02-appeal-modify) python3 gen/make_docx_variants.py tracked "$id" "$BUILD/$id.docx" "$id.docx" ;;   # w:ins/w:del
    e01-restore-nuisance) python3 gen/make_docx_variants.py autonum "$id" "$BUILD/$id.docx" "$id.docx" ;; # numPr items
    *) cp "$BUILD/$id.docx" "$id.docx" ;;
  esac
  # 3. PDF via Chromium print-to-pdf (CIDFontType2 / Identity-H + ToUnicode; @page footer "— N —")
  chrome_pdf "$BUILD/$id.html" "$PWD/$id.chromium.pdf"
done

[ "$ONLY" = 1 ] && exit 0

# 4. predefined-CMap PDF: Type0 font, GBK-EUC-H, not embedded, no ToUnicode (hand-written bytes)
python3 gen/make_cmap_pdf.py c02-sales-clean c02-sales-clean.gbk.pdf GBK-EUC-H

# 5. image-only "scanned" PDF (no text layer): first two LibreOffice pages of c01 at 100 dpi grey JPEG
pdftoppm -f 1 -l 2 -r 100 -gray -jpeg -jpegopt quality=60 c01-loan-clean.lo.pdf "$BUILD/scan"
python3 gen/make_scanned_pdf.py s01-scanned.pdf "$BUILD"/scan-*.jpg

# 6. unreadable inputs
mkdir -p broken
python3 gen/make_broken.py c01-loan-clean.docx c01-loan-clean.lo.pdf broken
rm -f broken/encrypted.pdf
qpdf --encrypt wenshu-user wenshu-owner 256 -- c01-loan-clean.lo.pdf broken/encrypted.pdf

# 7. Word 97-2003 .doc/.wps renderings and the .doc feature fixture
bash gen/make_legacy.sh >/dev/null

# 8. summary
for f in *.pdf broken/*.pdf; do
  printf '%-40s %s\n' "$f" "$(pdfinfo "$f" 2>&1 | awk '/^Pages/{p=$2} /^Producer/{$1=""; q=$0} /Incorrect password|Error/{e=$0} END{print (e?e:p" pages,"q)}')"
done
du -sh .
