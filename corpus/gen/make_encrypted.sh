#!/usr/bin/env bash
# Password-protected inputs (qpdf; msoffcrypto-tool from PyPI for the DOCX). Run from anywhere.
# The outputs are committed: the tests need neither program.
#   encrypted/r01-withdraw-ruling.owner-*.pdf   owner password only (opens without a password, like
#       most "protected" court PDFs): RC4 40-bit, RC4 128-bit, AES-128, AES-256, and AES-256 with
#       object streams. wenshu-lint decrypts these with the empty user password; each must read
#       exactly like r01-withdraw-ruling.txt (tests/corpus.rs checks text and sections).
#   broken/encrypted.rc4-128.pdf                a real user password (RC4 128-bit) -> READ005
#   broken/encrypted.aes-128.pdf                a real user password (AES-128)     -> READ005
#   (broken/encrypted.pdf, AES-256 with a user password, is made by regen.sh)
#   broken/encrypted.docx                  password-protected Word file: an OLE compound file
#       holding EncryptionInfo + EncryptedPackage (agile encryption) -> READ005, "remove the password"
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=r01-withdraw-ruling.chromium.pdf
W=(--allow-weak-crypto)
mkdir -p encrypted broken
qpdf "${W[@]}" --encrypt '' wenshu-owner 40 -- "$SRC" encrypted/r01-withdraw-ruling.owner-rc4-40.pdf
qpdf "${W[@]}" --encrypt '' wenshu-owner 128 --use-aes=n -- "$SRC" encrypted/r01-withdraw-ruling.owner-rc4-128.pdf
qpdf "${W[@]}" --encrypt '' wenshu-owner 128 --use-aes=y -- "$SRC" encrypted/r01-withdraw-ruling.owner-aes-128.pdf
qpdf --encrypt '' wenshu-owner 256 -- "$SRC" encrypted/r01-withdraw-ruling.owner-aes-256.pdf
qpdf --object-streams=generate --encrypt '' wenshu-owner 256 --extract=n --print=none -- "$SRC" \
  encrypted/r01-withdraw-ruling.owner-aes-256-objstm.pdf
qpdf "${W[@]}" --encrypt wenshu-user wenshu-owner 128 --use-aes=n -- "$SRC" broken/encrypted.rc4-128.pdf
qpdf "${W[@]}" --encrypt wenshu-user wenshu-owner 128 --use-aes=y -- "$SRC" broken/encrypted.aes-128.pdf
for f in encrypted/*.pdf broken/encrypted*.pdf; do
  printf '%-50s %s\n' "$f" "$(pdftotext "$f" - 2>&1 | head -1)"
done

# Encrypted DOCX: msoffcrypto-tool in a throw-away venv
VENV=$(mktemp -d)
trap 'rm -rf "$VENV"' EXIT
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet msoffcrypto-tool
"$VENV/bin/python" - <<'PY'
import msoffcrypto, msoffcrypto.format.ooxml as ooxml, io
src = open('c01-loan-clean.docx', 'rb').read()
out = io.BytesIO()
ooxml.OOXMLFile(io.BytesIO(src)).encrypt('wenshu-user', out)
open('broken/encrypted.docx', 'wb').write(out.getvalue())
f = msoffcrypto.OfficeFile(open('broken/encrypted.docx', 'rb'))
print('broken/encrypted.docx encrypted:', f.is_encrypted())
PY
