#!/usr/bin/env python3
"""LibreOffice round-trip of `wenshu-lint annotate` (issue 13).

1. Writes tests/data/annotate/features.docx: d01-divorce-vague in hand-written WordprocessingML
   with the Word features annotate must survive: a ruling item split over runs of different
   formatting (bold / italic+colour / plain, split mid-word; the last part is the result of a
   MERGEFIELD field, split inside it), an item inside an inline content
   control (w:sdt) with a tracked deletion (w:del) and insertion (w:ins) inside the offending
   words, a tab before an item, escaped characters (& < >), an existing reviewer's comment, a
   header part and an image part.
2. Annotates that file and the corpus DOCX files with the wenshu-lint binary (`annotate --force`).
3. Converts every annotated copy with `soffice --headless --convert-to odt` and reads back, from
   the ODT's content.xml, each office:annotation: its author, its first line (code and message)
   and the text between office:annotation and office:annotation-end (the anchored words).
4. Writes tests/data/annotate/roundtrip.tsv (file, n, author, code, anchored words), which
   tests/annotate.rs checks against the current annotate output, so the test suite needs no
   LibreOffice.

Usage: python3 corpus/gen/annotate_roundtrip.py [path/to/wenshu-lint]
Needs: libreoffice-writer (soffice), a built wenshu-lint (default target/release/wenshu-lint).
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from html import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "tests", "data", "annotate")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORPUS = ["a02-appeal-modify", "d01-divorce-vague", "e01-restore-nuisance", "e04-amount-mismatch",
          "f01-no-fee", "i01-id-missing", "i02-id-invalid", "k01-criminal-theft", "p01-return-vague",
          "v01-public-masked", "w02-warning-in-reasoning", "w04-no-delay-notice"]


def para(text):
    return ('<w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t xml:space="preserve">'
            + escape(text, quote=False) + '</w:t></w:r></w:p>')


SPECIAL = {
    "四、": '<w:p><w:r><w:t>四、</w:t><w:tab/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>家</w:t></w:r>'
           '<w:r><w:rPr><w:i/><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">具家</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD 归属 </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           '<w:r><w:t>电归原告孙晓燕所有（A&amp;B&lt;C&gt;）；</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    "五、": '<w:p><w:r><w:t>五、</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="判项"/><w:tag w:val="item5"/></w:sdtPr>'
           '<w:sdtContent><w:r><w:t>其余夫妻</w:t></w:r>'
           '<w:del w:id="901" w:author="书记员" w:date="2024-08-20T10:00:00Z"><w:r><w:delText>（不含存款）</w:delText></w:r></w:del>'
           '<w:ins w:id="902" w:author="书记员" w:date="2024-08-20T10:00:00Z"><w:r><w:rPr><w:b/></w:rPr><w:t>共同</w:t></w:r></w:ins>'
           '<w:r><w:t>财产由双方协商分割</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>；</w:t></w:r></w:p>',
    "六、": '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>六、驳回原告孙晓燕的其他诉讼请求。</w:t></w:r>'
           '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>',
}


def features_docx(path):
    lines = [l for l in open(os.path.join(ROOT, "corpus", "d01-divorce-vague.txt"), encoding="utf-8")
             .read().splitlines() if l.strip()]
    body = "".join(next((x for p, x in SPECIAL.items() if l.startswith(p)), para(l)) for l in lines)
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
           f'{body}<w:sectPr><w:headerReference w:type="default" r:id="rId3"/></w:sectPr></w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
          '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/>'
                '</Relationships>')
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
                '<w:comment w:id="0" w:author="审判长" w:initials="SP" w:date="2024-08-21T09:00:00Z">'
                '<w:p><w:r><w:annotationRef/></w:r><w:r><w:t>请核对诉讼请求</w:t></w:r></w:p></w:comment></w:comments>')
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W}">'
              '<w:p><w:r><w:t>内部草稿</w:t></w:r></w:p></w:hdr>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/comments.xml", comments)
        z.writestr("word/header1.xml", header)
        z.writestr("word/media/seal.png", b"\x89PNG\r\n\x1a\n" + bytes(range(64)))


def annotations(odt):
    """(author, first line, anchored text) of each office:annotation in document order."""
    xml = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "dc": "http://purl.org/dc/elements/1.1/",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    root = ET.fromstring(xml)
    body = root.find("office:body/office:text", NS)
    out, open_ = [], {}
    A = "{%s}annotation" % NS["office"]
    AE = "{%s}annotation-end" % NS["office"]
    NAME = "{%s}name" % NS["office"]

    def walk(e, deleted):
        tag = e.tag
        if tag == "{%s}tracked-changes" % NS["text"]:
            return  # deleted text is stored there, not in the flow
        if tag == A:
            author = (e.findtext("dc:creator", "", NS) or "").strip()
            first = "".join(e.find("text:p", NS).itertext()) if e.find("text:p", NS) is not None else ""
            rec = [author, first, ""]
            out.append(rec)
            name = e.get(NAME)
            if name:
                open_[name] = rec
            if e.tail and not deleted:
                for r in open_.values():
                    r[2] += e.tail
            return
        if tag == AE:
            open_.pop(e.get(NAME), None)
        else:
            if e.text and not deleted:
                for r in open_.values():
                    r[2] += e.text
            for c in e:
                walk(c, deleted)
        if e.tail and not deleted:
            for r in open_.values():
                r[2] += e.tail

    walk(body, False)
    return out


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "wenshu-lint")
    os.makedirs(OUT_DIR, exist_ok=True)
    features = os.path.join(OUT_DIR, "features.docx")
    features_docx(features)
    inputs = [("tests/data/annotate/features.docx", features)] + [
        (f"corpus/{c}.docx", os.path.join(ROOT, "corpus", c + ".docx")) for c in CORPUS]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "lo-profile")
        for shown, path in inputs:
            stem = os.path.basename(path)[:-5]
            annotated = os.path.join(tmp, stem + ".批注.docx")
            subprocess.run([binary, "annotate", "--force", "-o", annotated, path], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                            "--convert-to", "odt", "--outdir", tmp, annotated], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            odt = os.path.join(tmp, stem + ".批注.odt")
            for i, (author, first, anchored) in enumerate(annotations(odt)):
                code = first.split("（")[0] if author == "wenshu-lint" else "-"
                anchored = re.sub(r"\s+", "", anchored)
                rows.append(f"{shown}\t{i + 1}\t{author}\t{code}\t{anchored}")
    with open(os.path.join(OUT_DIR, "roundtrip.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\tn\tauthor\tcode\tanchored words, as LibreOffice shows them (corpus/gen/annotate_roundtrip.py)\n")
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} annotations from {len(inputs)} files -> tests/data/annotate/roundtrip.tsv")


if __name__ == "__main__":
    main()
