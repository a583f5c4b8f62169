// wenshu-lint page: send the dropped document to /v1/check, show its text with the findings
// highlighted in place and the list beside it. No external resources; nothing is stored.
"use strict";
(function () {
  var SEV_ZH = { error: "错误", warning: "警告", info: "提示" };
  var VERDICT_ZH = { pass: "可以签发：未发现须修改的问题", fail: "须修改后签发", unreadable: "文书无法读取" };
  var current = null; // { name, bytes }
  var $ = function (id) { return document.getElementById(id); };

  function status(msg, isError) {
    var s = $("status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }

  function headers(name) {
    var h = { "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(name) };
    var t = $("token").value;
    if (t) { h["Authorization"] = "Bearer " + t; }
    return h;
  }

  function query(extra) {
    return "?profile=" + encodeURIComponent($("profile").value) + (extra || "");
  }

  function post(path, extra) {
    return fetch(path + query(extra), { method: "POST", headers: headers(current.name), body: current.bytes })
      .then(function (r) {
        if (r.status === 401) {
          $("token-box").classList.remove("hidden");
          throw new Error("需要访问令牌：请在上方填写后重新选择文件");
        }
        return r;
      });
  }

  function errorOf(r) {
    return r.text().then(function (t) {
      try { var j = JSON.parse(t); if (j.error && j.error.message) { return j.error.message; } } catch (e) { /* not JSON */ }
      return "服务返回错误 " + r.status;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function flash(node) {
    node.classList.add("flash");
    setTimeout(function () { node.classList.remove("flash"); }, 1200);
  }

  // Render paragraph text with the marks that fall in it: [{i, start, len, sev}] in code points.
  function renderParagraph(n, text, marks) {
    var p = el("p");
    p.id = "p" + n;
    p.appendChild(el("span", "pn", String(n)));
    var cps = Array.from(text);
    var cuts = [0, cps.length];
    marks.forEach(function (m) { cuts.push(m.start, Math.min(m.start + m.len, cps.length)); });
    cuts = cuts.filter(function (v, k, a) { return a.indexOf(v) === k; }).sort(function (a, b) { return a - b; });
    var absentAt = {};
    marks.forEach(function (m) { if (m.len === 0) { (absentAt[m.start] = absentAt[m.start] || []).push(m); } });
    function absentMarks(pos) {
      (absentAt[pos] || []).forEach(function (m) {
        var a = el("mark", "finding absent " + m.sev, "▲" + m.code);
        a.dataset.f = String(m.i);
        a.dataset.code = m.code;
        a.title = m.message;
        p.appendChild(a);
      });
    }
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      absentMarks(a);
      if (a === b) { continue; }
      var seg = cps.slice(a, b).join("");
      var covering = marks.filter(function (m) { return m.len > 0 && m.start <= a && m.start + m.len >= b; });
      if (covering.length === 0) { p.appendChild(document.createTextNode(seg)); continue; }
      var worst = covering.some(function (m) { return m.sev === "error"; }) ? "error"
        : covering.some(function (m) { return m.sev === "warning"; }) ? "warning" : "info";
      var mk = el("mark", "finding " + worst, seg);
      mk.dataset.f = covering.map(function (m) { return m.i; }).join(" ");
      mk.dataset.code = covering.map(function (m) { return m.code; }).join(" ");
      mk.title = covering.map(function (m) { return m.code + "：" + m.message; }).join("\n");
      p.appendChild(mk);
    }
    absentMarks(cps.length);
    return p;
  }

  function show(res) {
    var file = res.files[0];
    var diags = file.diagnostics || [];
    var text = res.text && res.text[0];
    $("result").classList.remove("hidden");
    $("doc-title").textContent = file.path + (file.document && file.document.kind ? "（" + file.document.kind + "）" : "");
    var v = $("verdict");
    v.textContent = VERDICT_ZH[res.verdict] || res.verdict;
    v.className = res.verdict;
    var counts = { error: 0, warning: 0, info: 0 };
    diags.forEach(function (d) { if (!d.acknowledged) { counts[d.severity]++; } });
    ["error", "warning", "info"].forEach(function (s) { $("n-" + s).textContent = String(counts[s]); });
    $("dl-docx").disabled = file.format !== "docx";
    var box = $("text");
    box.textContent = "";
    if (file.error) {
      box.appendChild(el("p", "", file.error.code + "：" + file.error.message));
    } else if (text) {
      var byPara = {};
      diags.forEach(function (d, i) {
        var m = text.marks[i];
        (byPara[d.paragraph] = byPara[d.paragraph] || []).push({
          i: i, start: m.start, len: m.length, sev: d.severity, code: d.code, message: d.message
        });
      });
      text.paragraphs.forEach(function (t, k) { box.appendChild(renderParagraph(k + 1, t, byPara[k + 1] || [])); });
    }
    var list = $("list");
    list.textContent = "";
    diags.forEach(function (d, i) {
      var li = el("li", d.severity + (d.acknowledged ? " ack" : ""));
      li.id = "f" + i;
      li.dataset.code = d.code;
      var head = el("div");
      head.appendChild(el("span", "code", d.code));
      head.appendChild(document.createTextNode(" " + SEV_ZH[d.severity] + "  "));
      head.appendChild(el("span", "where", "第" + d.paragraph + "段" + (d.page ? "（第" + d.page + "页）" : "")));
      li.appendChild(head);
      li.appendChild(el("div", "msg", d.message));
      if (d.excerpt) { var ex = el("div"); ex.appendChild(el("span", "ex", d.excerpt)); li.appendChild(ex); }
      li.appendChild(el("div", "help", "修改建议：" + d.help));
      if (d.acknowledged) { li.appendChild(el("div", "help", "已确认（不阻止签发）：" + d.acknowledged.reason)); }
      li.addEventListener("click", function () {
        var target = box.querySelector('mark[data-f~="' + i + '"]') || $("p" + d.paragraph);
        if (target) { target.scrollIntoView({ block: "center" }); flash(target); }
      });
      list.appendChild(li);
    });
    if (diags.length === 0 && !file.error) { list.appendChild(el("li", "info", "未发现问题：文书已读取、结构已识别，各项检查均通过。")); }
    box.querySelectorAll("mark.finding").forEach(function (m) {
      m.addEventListener("click", function () {
        var li = $("f" + m.dataset.f.split(" ")[0]);
        if (li) { li.scrollIntoView({ block: "nearest" }); flash(li); }
      });
    });
    document.body.dataset.state = "done";
  }

  function check() {
    if (!current) { return; }
    document.body.dataset.state = "checking";
    status("正在检查 " + current.name + " …");
    post("/v1/check", "&text=1").then(function (r) {
      if (!r.ok) { return errorOf(r).then(function (m) { throw new Error(m); }); }
      return r.json();
    }).then(function (res) {
      status("检查完成：" + current.name);
      show(res);
    }).catch(function (e) {
      document.body.dataset.state = "error";
      status(e.message, true);
    });
  }

  function take(file) {
    if (!file) { return; }
    file.arrayBuffer().then(function (buf) {
      current = { name: file.name, bytes: buf };
      check();
    });
  }

  function download(path, extra, fallbackName) {
    if (!current) { return; }
    post(path, extra).then(function (r) {
      if (!r.ok) { return errorOf(r).then(function (m) { throw new Error(m); }); }
      var cd = r.headers.get("Content-Disposition") || "";
      var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
      var name = m ? decodeURIComponent(m[1]) : fallbackName;
      return r.blob().then(function (b) {
        var a = el("a");
        a.href = URL.createObjectURL(b);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    }).catch(function (e) { status(e.message, true); });
  }

  function stem(n) { return n.replace(/\.[^.]*$/, ""); }

  document.addEventListener("DOMContentLoaded", function () {
    var drop = $("drop");
    $("file").addEventListener("change", function (e) { take(e.target.files[0]); });
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      take(e.dataTransfer.files[0]);
    });
    $("profile").addEventListener("change", check);
    document.querySelectorAll("input.sev").forEach(function (c) {
      c.addEventListener("change", function () { document.body.classList.toggle("hide-" + c.value, !c.checked); });
    });
    $("dl-docx").addEventListener("click", function () { download("/v1/annotate", "", stem(current.name) + ".批注.docx"); });
    $("dl-html").addEventListener("click", function () { download("/v1/check", "&format=html", stem(current.name) + ".检查报告.html"); });
    document.body.dataset.state = "ready";
  });
})();
