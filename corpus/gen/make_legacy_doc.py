#!/usr/bin/env python3
"""Write tests/data/legacy/features.fodt: a short ruling with the Word features the .doc reader
must handle, for LibreOffice to save as Word 97-2003 (.doc).

usage: make_legacy_doc.py OUT.fodt

- a header and a footer (with a PAGE field) and a footnote: not body text
- a hyperlink (a HYPERLINK field in .doc: result kept, code dropped) and a page-count field
- a 2x2 table, one cell with two paragraphs: cells come out in order, one paragraph each
- a line break inside a paragraph: a paragraph break in the extracted text (as w:br in DOCX)
The expected text is in tests/legacy_reading.rs.
"""
import sys

BODY = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>页眉：某某人民法院文书样式</text:p></style:header>
  <style:footer><text:p>第<text:page-number text:select-page="current">1</text:page-number>页</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
 <text:p>四川省绵阳市涪城区人民法院</text:p>
 <text:p>民事裁定书</text:p>
 <text:p>（2024）川0703民初0001号</text:p>
 <text:p>本院认为<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注：不属于正文。</text:p></text:note-body></text:note>，原告的申请符合法律规定，详见<text:a xlink:type="simple" xlink:href="https://example.org/law">《中华人民共和国民事诉讼法》</text:a>第一百四十八条。</text:p>
 <text:p>本裁定书共<text:page-count>1</text:page-count>页。</text:p>
 <text:p>第一行<text:line-break/>第二行</text:p>
 <table:table table:name="T1">
  <table:table-column table:number-columns-repeated="2"/>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>甲格</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>乙格第一段</text:p><text:p>乙格第二段</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>丙格</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>丁格</text:p></table:table-cell>
  </table:table-row>
 </table:table>
 <text:p>裁定如下：</text:p>
 <text:p>准许原告撤回起诉。</text:p>
</office:text></office:body></office:document>
'''

with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write(BODY)
