//! `wenshu-lint serve` end to end: the real binary on an ephemeral loopback port, a real HTTP
//! client (ureq) and raw sockets for malformed requests. Every route, every limit, concurrency
//! and graceful shutdown.

#![allow(clippy::result_large_err)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

struct Server {
    child: Child,
    base: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Self::start_env(args, &[])
    }

    fn start_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--isolated"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start wenshu-lint serve");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        err.read_line(&mut first).unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        let stderr = Arc::new(Mutex::new(first.clone()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = err.read_to_string(&mut rest);
            sink.lock().unwrap().push_str(&rest);
        });
        Server {
            child,
            base: format!("http://{addr}"),
            stderr,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }

    fn metrics(&self) -> String {
        get(&self.url("/metrics")).2
    }

    fn gauge(&self, name: &str) -> u64 {
        self.metrics()
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Resp = (u16, Vec<(String, String)>, String);

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build()
}

fn finish(r: Result<ureq::Response, ureq::Error>) -> Resp {
    let resp = match r {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    let status = resp.status();
    let headers = resp
        .headers_names()
        .into_iter()
        .map(|h| {
            let v = resp.header(&h).unwrap_or("").to_string();
            (h, v)
        })
        .collect();
    let mut body = Vec::new();
    resp.into_reader().read_to_end(&mut body).unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn finish_bytes(r: Result<ureq::Response, ureq::Error>) -> (u16, Vec<u8>, Option<String>) {
    let resp = match r {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    let status = resp.status();
    let n = resp.header("x-wenshu-findings").map(str::to_string);
    let mut body = Vec::new();
    resp.into_reader().read_to_end(&mut body).unwrap();
    (status, body, n)
}

fn header<'a>(r: &'a Resp, name: &str) -> Option<&'a str> {
    r.1.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn get(url: &str) -> Resp {
    finish(agent().get(url).call())
}

trait SendJson {
    fn send_string_json(self, v: Value) -> Result<ureq::Response, ureq::Error>;
}

impl SendJson for ureq::Request {
    fn send_string_json(self, v: Value) -> Result<ureq::Response, ureq::Error> {
        self.set("Content-Type", "application/json")
            .send_string(&v.to_string())
    }
}

fn post(url: &str, body: &[u8]) -> Resp {
    finish(
        agent()
            .post(url)
            .set("Content-Type", "application/octet-stream")
            .send_bytes(body),
    )
}

fn json(r: &Resp) -> Value {
    serde_json::from_str(&r.2).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.2))
}

fn error_code(r: &Resp) -> String {
    json(r)["error"]["code"].as_str().unwrap_or("").to_string()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join(name)).unwrap()
}

/// Every document the corpus holds (relative paths).
fn corpus_files() -> Vec<String> {
    let mut out = Vec::new();
    for dir in [corpus(), corpus().join("broken")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if p.is_file()
                && [
                    "docx", "pdf", "txt", "doc", "wps", "htm", "html", "ofd", "rtf", "odt",
                ]
                .contains(&ext)
            {
                out.push(p.strip_prefix(corpus()).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn multipart(boundary: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut b = Vec::new();
    for (field, file, data) in parts {
        b.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => b.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => b.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        b.extend_from_slice(data);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    b
}

fn post_multipart(url: &str, boundary: &str, body: &[u8]) -> Resp {
    finish(
        agent()
            .post(url)
            .set(
                "Content-Type",
                &format!("multipart/form-data; boundary={boundary}"),
            )
            .send_bytes(body),
    )
}

/// A raw HTTP exchange: what the server answers to `request` (read until it closes).
fn raw(addr: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn simple_routes() {
    let s = Server::start(&[]);
    let h = get(&s.url("/healthz"));
    assert_eq!(h.0, 200);
    assert_eq!(json(&h)["status"], "ok");

    let r = get(&s.url("/v1/rules"));
    assert_eq!(r.0, 200);
    let rules = json(&r);
    let codes: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"EX001") && codes.contains(&"PW001"),
        "{codes:?}"
    );
    let cli = Command::new(BIN)
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&cli.stdout).unwrap(),
        rules,
        "GET /v1/rules is the catalogue of `rules --format json`"
    );

    let nf = get(&s.url("/nothing-here"));
    assert_eq!(nf.0, 404);
    assert_eq!(error_code(&nf), "not_found");

    let wrong_method = get(&s.url("/v1/check"));
    assert_eq!(wrong_method.0, 405);

    let page = get(&s.url("/"));
    assert_eq!(page.0, 200);
    let csp = header(&page, "content-security-policy").expect("CSP on the page");
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert!(page.2.contains("裁判文书执行溯源检查"));
    // self-contained: nothing loaded from another host
    for asset in ["/", "/assets/page.js", "/assets/page.css"] {
        let a = get(&s.url(asset));
        assert_eq!(a.0, 200, "{asset}");
        assert!(
            !a.2.contains("http://") && !a.2.contains("https://") && !a.2.contains("//cdn"),
            "{asset} loads something external"
        );
    }
    // no CORS unless configured
    let r = finish(
        agent()
            .get(&s.url("/v1/rules"))
            .set("Origin", "http://dms.court.example")
            .call(),
    );
    assert!(header(&r, "access-control-allow-origin").is_none());
}

#[test]
fn check_json_is_the_cli_file_object_for_every_corpus_file() {
    let files = corpus_files();
    assert!(files.len() > 40, "corpus: {}", files.len());
    let cli = Command::new(BIN)
        .current_dir(corpus())
        .args(["check", "--isolated", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let cli_files = cli["files"].as_array().unwrap();
    assert_eq!(cli_files.len(), files.len());
    let s = Server::start(&[]);
    let mut with_findings = 0;
    for f in cli_files {
        let path = f["path"].as_str().unwrap();
        let bytes = std::fs::read(corpus().join(path)).unwrap();
        let base = Path::new(path).file_name().unwrap().to_str().unwrap();
        let r = post(&s.url(&format!("/v1/check?name={}", urlenc(base))), &bytes);
        assert_eq!(r.0, 200, "{path}: {}", r.2);
        let v = json(&r);
        let mut got = v["files"][0].clone();
        let mut want = f.clone();
        got["path"] = Value::Null;
        want["path"] = Value::Null;
        assert_eq!(
            got, want,
            "{path}: the API's file object differs from check --format json"
        );
        with_findings += usize::from(!f["diagnostics"].as_array().unwrap().is_empty());
        let expected_verdict = if !f["error"].is_null() {
            "unreadable"
        } else if f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error")
        {
            "fail"
        } else {
            "pass"
        };
        assert_eq!(v["verdict"], expected_verdict, "{path}");
    }
    assert!(with_findings > 10);
}

fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn query_options_and_formats() {
    let s = Server::start(&[]);
    let doc = read("d01-divorce-vague.docx");
    let all = json(&post(&s.url("/v1/check"), &doc));
    let codes: Vec<String> = all["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.iter().any(|c| c == "EX001"), "{codes:?}");
    assert_eq!(
        all["files"][0]["path"], "document",
        "octet-stream: no extension invented"
    );
    let pdf_ct = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("Content-Type", "application/pdf")
            .send_bytes(&read("d01-divorce-vague.lo.pdf")),
    );
    assert_eq!(json(&pdf_ct)["files"][0]["path"], "document.pdf");

    let ign = json(&post(&s.url("/v1/check?ignore=EX001&name=x.docx"), &doc));
    assert!(ign["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "EX001"));
    assert_eq!(ign["files"][0]["path"], "x.docx");
    let sel = json(&post(&s.url("/v1/check?select=EX001"), &doc));
    assert!(sel["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] == "EX001"));

    // the file name in a header, percent-encoded UTF-8
    let r = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("X-File-Name", &urlenc("离婚判决.docx"))
            .send_bytes(&doc),
    );
    assert_eq!(json(&r)["files"][0]["path"], "离婚判决.docx");

    for bad in [
        "/v1/check?select=ZZ999",
        "/v1/check?profile=bogus",
        "/v1/check?format=xml",
        "/v1/check?unknown=1",
        "/v1/check?fail_on=sometimes",
    ] {
        let r = post(&s.url(bad), &doc);
        assert_eq!(r.0, 400, "{bad}");
        assert_eq!(error_code(&r), "bad_request", "{bad}");
    }

    let never = json(&post(&s.url("/v1/check?fail_on=never"), &doc));
    assert_eq!(never["verdict"], "pass");

    let sarif = post(&s.url("/v1/check?format=sarif"), &doc);
    assert_eq!(sarif.0, 200);
    assert_eq!(json(&sarif)["version"], "2.1.0");

    let html = post(&s.url("/v1/check?format=html&name=d01.docx"), &doc);
    assert_eq!(html.0, 200);
    assert!(header(&html, "content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(html.2.contains("其余夫妻共同财产由双方协商分割"));
    assert!(
        html.2.contains("全文"),
        "single-document HTML carries the text"
    );

    // the page's request: the paragraphs and each finding's place in its paragraph
    let t = json(&post(&s.url("/v1/check?text=1"), &doc));
    let text = &t["text"][0];
    for (i, d) in t["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let para = text["paragraphs"][d["paragraph"].as_u64().unwrap() as usize - 1]
            .as_str()
            .unwrap();
        let m = &text["marks"][i];
        let at: String = para
            .chars()
            .skip(m["start"].as_u64().unwrap() as usize)
            .take(m["length"].as_u64().unwrap() as usize)
            .collect();
        assert_eq!(at, d["excerpt"].as_str().unwrap());
    }
    // PDFs and text are checked as well
    let pdf = json(&post(
        &s.url("/v1/check"),
        &read("d01-divorce-vague.lo.pdf"),
    ));
    assert_eq!(pdf["files"][0]["format"], "pdf");
    let txt = json(&post(&s.url("/v1/check"), &read("d01-divorce-vague.txt")));
    assert_eq!(txt["files"][0]["format"], "txt");
    // a broken file is a READ code in the file object, not an HTTP error
    let broken = post(&s.url("/v1/check"), &read("broken/corrupt.docx"));
    assert_eq!(broken.0, 200);
    assert_eq!(json(&broken)["files"][0]["error"]["code"], "READ003");
    assert_eq!(json(&broken)["verdict"], "unreadable");
    let empty = json(&post(&s.url("/v1/check"), b""));
    assert_eq!(empty["files"][0]["error"]["code"], "READ001");
}

#[test]
fn multipart_and_json_bodies() {
    let s = Server::start(&[]);
    let a = read("d01-divorce-vague.docx");
    let b = read("c01-loan-clean.lo.pdf");
    let body = multipart(
        "XyZ123",
        &[("file", Some("甲.docx"), &a), ("file", Some("乙.pdf"), &b)],
    );
    let r = post_multipart(&s.url("/v1/check"), "XyZ123", &body);
    assert_eq!(r.0, 200, "{}", r.2);
    let v = json(&r);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["files"][0]["path"], "甲.docx");
    assert_eq!(v["files"][1]["path"], "乙.pdf");
    assert_eq!(v["summary"]["files"], 2);

    // malformed multipart: wrong boundary, truncated, no file, unknown field
    let wrong = post_multipart(&s.url("/v1/check"), "OTHER", &body);
    assert_eq!(wrong.0, 400, "{}", wrong.2);
    let cut = &body[..body.len() / 2];
    let trunc = post_multipart(&s.url("/v1/check"), "XyZ123", cut);
    assert_eq!(trunc.0, 400, "{}", trunc.2);
    let none = post_multipart(&s.url("/v1/check"), "XyZ123", b"--XyZ123--\r\n");
    assert_eq!(none.0, 400);
    let unknown = multipart("B", &[("other", None, b"x")]);
    assert_eq!(post_multipart(&s.url("/v1/check"), "B", &unknown).0, 400);
    let no_boundary = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("Content-Type", "multipart/form-data")
            .send_bytes(&body),
    );
    assert_eq!(no_boundary.0, 400);

    // JSON body with base64 content
    let b64 = base64(&a);
    let r = finish(
        agent()
            .post(&s.url("/v1/check"))
            .send_string_json(serde_json::json!({"name": "丙.docx", "content_base64": b64})),
    );
    assert_eq!(r.0, 200, "{}", r.2);
    assert_eq!(json(&r)["files"][0]["path"], "丙.docx");
    let bad = finish(
        agent()
            .post(&s.url("/v1/check"))
            .send_string_json(serde_json::json!({"content_base64": "@@@"})),
    );
    assert_eq!(bad.0, 400);
    let bad_json = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("Content-Type", "application/json")
            .send_bytes(b"{not json"),
    );
    assert_eq!(bad_json.0, 400);
}

fn base64(b: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= c.len() {
                o.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

#[test]
fn acknowledged_findings_do_not_block() {
    let s = Server::start(&[]);
    let doc = read("d01-divorce-vague.docx");
    let v = json(&post(&s.url("/v1/check"), &doc));
    assert_eq!(v["verdict"], "fail");
    let diags = v["files"][0]["diagnostics"].as_array().unwrap().clone();
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(!errors.is_empty());
    let ack: Vec<Value> = errors
        .iter()
        .map(|d| serde_json::json!({"fingerprint": d["fingerprint"], "reason": "合议庭确认：财产清单另附"}))
        .collect();
    // all but one: still failing
    let partial = Value::Array(ack[..ack.len() - 1].to_vec());
    let r = finish(agent().post(&s.url("/v1/check")).send_string_json(
        serde_json::json!({"content_base64": base64(&doc), "acknowledged": partial}),
    ));
    assert_eq!(json(&r)["verdict"], "fail");
    // all: pass, and each is still reported with the reason
    let r = finish(agent().post(&s.url("/v1/check")).send_string_json(
        serde_json::json!({"content_base64": base64(&doc), "acknowledged": ack}),
    ));
    let v = json(&r);
    assert_eq!(v["verdict"], "pass", "{}", r.2);
    let got = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(got.len(), diags.len());
    for d in got.iter().filter(|d| d["severity"] == "error") {
        assert_eq!(d["acknowledged"]["reason"], "合议庭确认：财产清单另附");
    }
    // the same through multipart's `acknowledged` field
    let ackj = serde_json::to_vec(&ack).unwrap();
    let body = multipart(
        "QQ",
        &[
            ("file", Some("d.docx"), &doc),
            ("acknowledged", None, &ackj),
        ],
    );
    assert_eq!(
        json(&post_multipart(&s.url("/v1/check"), "QQ", &body))["verdict"],
        "pass"
    );
    // a fingerprint survives edits elsewhere: the TXT form of the same draft, other paragraphs
    let txt = read("d01-divorce-vague.txt");
    let mut edited = String::from("（本稿已修改首段）\n").into_bytes();
    edited.extend_from_slice(&txt);
    let t = json(&post(&s.url("/v1/check?name=d.txt"), &edited));
    let fps: Vec<&str> = t["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fingerprint"].as_str().unwrap())
        .collect();
    for d in &errors {
        assert!(fps.contains(&d["fingerprint"].as_str().unwrap()), "{d}");
    }
}

#[test]
fn annotate_route() {
    let s = Server::start(&[]);
    let doc = read("d01-divorce-vague.docx");
    let n = json(&post(&s.url("/v1/check"), &doc))["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    let (status, body, count) = finish_bytes(
        agent()
            .post(&s.url("/v1/annotate?name=d01.docx"))
            .send_bytes(&doc),
    );
    assert_eq!(status, 200);
    assert_eq!(&body[..2], b"PK");
    assert_eq!(count.as_deref(), Some(n.to_string().as_str()));
    // the annotated copy reads the same and carries the comments
    let again = json(&post(&s.url("/v1/check?name=a.docx"), &body));
    assert_eq!(
        again["files"][0]["diagnostics"].as_array().unwrap().len(),
        n
    );
    let hay = String::from_utf8_lossy(&body);
    assert!(hay.contains("word/comments.xml"));

    let pdf = post(&s.url("/v1/annotate"), &read("d01-divorce-vague.lo.pdf"));
    assert_eq!(pdf.0, 415);
    assert_eq!(error_code(&pdf), "not_docx");
    let broken = post(&s.url("/v1/annotate"), &read("broken/corrupt.docx"));
    assert_eq!(broken.0, 422);
    assert_eq!(json(&broken)["files"][0]["error"]["code"], "READ003");
}

#[test]
fn body_cap_answers_413_json() {
    let s = Server::start(&["--max-body-mb", "1"]);
    let big = vec![b'a'; (1 << 20) + 10];
    let r = post(&s.url("/v1/check"), &big);
    assert_eq!(r.0, 413);
    assert_eq!(error_code(&r), "body_too_large");
    // chunked, no Content-Length: stopped while reading
    let mut req = format!(
        "POST /v1/check HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        s.addr()
    )
    .into_bytes();
    for _ in 0..20 {
        req.extend_from_slice(format!("{:x}\r\n", 100_000).as_bytes());
        req.extend_from_slice(&vec![b'b'; 100_000]);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let out = raw(&s.addr(), &req);
    assert!(
        out.starts_with("HTTP/1.1 413"),
        "{}",
        &out[..out.len().min(300)]
    );
    assert!(out.contains("body_too_large"));
    // under the cap is fine
    assert_eq!(
        post(&s.url("/v1/check"), &read("d01-divorce-vague.docx")).0,
        200
    );
}

#[test]
fn malformed_http_does_not_hurt_the_server() {
    let s = Server::start(&[]);
    let out = raw(&s.addr(), b"THIS IS NOT HTTP\r\n\r\n");
    assert!(out.is_empty() || out.starts_with("HTTP/1.1 400"), "{out}");
    let out = raw(
        &s.addr(),
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\nshort",
    );
    // the client went away before the body was complete: no answer is owed, nothing breaks
    let _ = out;
    let out = raw(
        &s.addr(),
        b"POST /v1/check?%ZZ=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");
    assert_eq!(get(&s.url("/healthz")).0, 200);
}

#[test]
fn time_budget_answers_read010() {
    let s = Server::start_env(
        &["--timeout-ms", "300"],
        &[("WENSHU_LINT_SERVE_DELAY_MS", "1500")],
    );
    assert_eq!(get(&s.url("/healthz")).0, 200);
    let t0 = Instant::now();
    let r = post(
        &s.url("/v1/check?name=slow.docx"),
        &read("d01-divorce-vague.docx"),
    );
    assert!(
        t0.elapsed() < Duration::from_millis(1400),
        "answered at the budget, not after the work"
    );
    assert_eq!(r.0, 200);
    let v = json(&r);
    assert_eq!(v["files"][0]["error"]["code"], "READ010");
    assert_eq!(v["files"][0]["path"], "slow.docx");
    assert_eq!(v["verdict"], "unreadable");
    assert!(s
        .metrics()
        .contains("wenshu_read_errors_total{code=\"READ010\"} 1"));
}

#[test]
fn a_lint_past_its_budget_is_stopped_not_left_running() {
    // a long real document: many copies of a judgment's ruling paragraphs as one text file
    let one = String::from_utf8(read("d01-divorce-vague.txt")).unwrap();
    let mut big = String::new();
    while big.len() < 12 << 20 {
        big.push_str(&one);
    }
    let s = Server::start(&["--timeout-ms", "100", "--jobs", "1"]);
    assert_eq!(get(&s.url("/healthz")).0, 200);
    let r = post(&s.url("/v1/check?name=big.txt"), big.as_bytes());
    assert_eq!(r.0, 200);
    assert_eq!(
        json(&r)["files"][0]["error"]["code"],
        "READ010",
        "{}",
        &r.2[..r.2.len().min(500)]
    );
    // the worker noticed the cancellation: the lint thread is free again
    let t0 = Instant::now();
    while s.gauge("wenshu_lint_running") > 0 || s.gauge("wenshu_queue_depth") > 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(2),
            "the lint went on after READ010"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        post(&s.url("/v1/check"), &read("d01-divorce-vague.docx")).0,
        200
    );
}

#[test]
fn full_queue_answers_503_with_retry_after() {
    let s = Arc::new(Server::start_env(
        &["--jobs", "1", "--queue", "1"],
        &[("WENSHU_LINT_SERVE_DELAY_MS", "1500")],
    ));
    let doc = Arc::new(read("c01-loan-clean.txt"));
    let mut held = Vec::new();
    // one running, one waiting
    for _ in 0..2 {
        let (s2, d2) = (s.clone(), doc.clone());
        held.push(std::thread::spawn(move || {
            post(&s2.url("/v1/check"), &d2).0
        }));
        let t0 = Instant::now();
        let want = held.len() as u64;
        while s.gauge("wenshu_queue_depth") < want {
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "request never admitted"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let r = post(&s.url("/v1/check"), &doc);
    assert_eq!(r.0, 503);
    assert_eq!(error_code(&r), "queue_full");
    assert_eq!(header(&r, "retry-after"), Some("1"));
    for h in held {
        assert_eq!(h.join().unwrap(), 200, "admitted requests are answered");
    }
    assert_eq!(s.gauge("wenshu_queue_depth"), 0);
    assert_eq!(s.gauge("wenshu_rejected_total"), 1);
    assert_eq!(post(&s.url("/v1/check"), &doc).0, 200);
}

#[test]
fn concurrent_requests_get_their_own_answers() {
    let s = Arc::new(Server::start(&["--jobs", "2"]));
    let names = [
        "d01-divorce-vague.docx",
        "c01-loan-clean.lo.pdf",
        "e01-restore-nuisance.txt",
        "a01-appeal-affirm.docx",
    ];
    let expected: Vec<Value> = names
        .iter()
        .map(|n| json(&post(&s.url(&format!("/v1/check?name={n}")), &read(n)))["files"][0].clone())
        .collect();
    let expected = Arc::new(expected);
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (s, expected) = (s.clone(), expected.clone());
            std::thread::spawn(move || {
                for k in 0..4 {
                    let i = (t + k) % names.len();
                    let r = post(
                        &s.url(&format!("/v1/check?name={}", names[i])),
                        &read(names[i]),
                    );
                    assert_eq!(r.0, 200);
                    assert_eq!(json(&r)["files"][0], expected[i], "{}", names[i]);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let m = s.metrics();
    assert!(
        m.contains("wenshu_http_requests_total{route=\"/v1/check\",status=\"200\"} 36"),
        "{m}"
    );
}

#[test]
fn metrics_hold_counts_never_text() {
    let s = Server::start(&[]);
    let doc = read("d01-divorce-vague.docx");
    let v = json(&post(&s.url("/v1/check?name=王某某离婚案.docx"), &doc));
    let _ = post(&s.url("/v1/check"), &read("broken/corrupt.docx"));
    let m = s.metrics();
    assert!(m.contains("wenshu_findings_total{code=\"EX001\"}"), "{m}");
    assert!(m.contains("wenshu_read_errors_total{code=\"READ003\"} 1"));
    assert!(m.contains(
        "wenshu_http_request_duration_seconds_bucket{route=\"/v1/check\",le=\"+Inf\"} 2"
    ));
    assert!(m.contains("# TYPE wenshu_queue_depth gauge"));
    assert!(!m.contains("王某某") && !m.contains(".docx"));
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        assert!(!m.contains(d["excerpt"].as_str().unwrap()));
    }
    // nothing about the document on the server's stderr either
    std::thread::sleep(Duration::from_millis(100));
    let log = s.stderr.lock().unwrap().clone();
    assert!(!log.contains("王某某") && !log.contains("夫妻"), "{log}");
}

#[test]
fn bearer_token_and_bind_policy() {
    let dir = std::env::temp_dir().join(format!("wl-serve-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tf = dir.join("token");
    std::fs::write(&tf, "s3cret-token-for-tests\n").unwrap();
    let s = Server::start(&["--token-file", tf.to_str().unwrap()]);
    let doc = read("d01-divorce-vague.docx");
    let no = post(&s.url("/v1/check"), &doc);
    assert_eq!(no.0, 401);
    assert_eq!(error_code(&no), "unauthorized");
    assert!(header(&no, "www-authenticate").is_some());
    let wrong = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("Authorization", "Bearer s3cret-token-for-test")
            .send_bytes(&doc),
    );
    assert_eq!(wrong.0, 401);
    let right = finish(
        agent()
            .post(&s.url("/v1/check"))
            .set("Authorization", "Bearer s3cret-token-for-tests")
            .send_bytes(&doc),
    );
    assert_eq!(right.0, 200);
    assert_eq!(get(&s.url("/metrics")).0, 401);
    assert_eq!(get(&s.url("/v1/rules")).0, 401);
    assert_eq!(
        get(&s.url("/healthz")).0,
        200,
        "health checks need no token"
    );
    assert_eq!(get(&s.url("/")).0, 200, "the page itself holds no data");

    // a non-loopback address without a token is refused (nothing is bound)
    let out = Command::new(BIN)
        .args(["serve", "--isolated", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token-file"));
    let empty = dir.join("empty");
    std::fs::write(&empty, "\n").unwrap();
    let out = Command::new(BIN)
        .args([
            "serve",
            "--isolated",
            "--token-file",
            empty.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cors_only_when_configured() {
    let s = Server::start(&["--cors-origin", "http://dms.court.example"]);
    let ok = finish(
        agent()
            .get(&s.url("/v1/rules"))
            .set("Origin", "http://dms.court.example")
            .call(),
    );
    assert_eq!(
        header(&ok, "access-control-allow-origin"),
        Some("http://dms.court.example")
    );
    let other = finish(
        agent()
            .get(&s.url("/v1/rules"))
            .set("Origin", "http://evil.example")
            .call(),
    );
    assert!(header(&other, "access-control-allow-origin").is_none());
    let pre = finish(
        agent()
            .request("OPTIONS", &s.url("/v1/check"))
            .set("Origin", "http://dms.court.example")
            .set("Access-Control-Request-Method", "POST")
            .call(),
    );
    assert_eq!(pre.0, 204);
    assert!(header(&pre, "access-control-allow-methods")
        .unwrap()
        .contains("POST"));
}

#[test]
fn redact_masks_identifiers_in_every_format() {
    let id_like = regex_18();
    // the whole corpus in one request: a generous budget for debug builds
    let s = Server::start(&["--timeout-ms", "600000"]);
    let files: Vec<String> = corpus_files()
        .into_iter()
        .filter(|f| !f.starts_with("broken"))
        .collect();
    let datas: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
    let names: Vec<String> = files.iter().map(|f| f.replace('/', "_")).collect();
    let parts: Vec<(&str, Option<&str>, &[u8])> = names
        .iter()
        .zip(&datas)
        .map(|(n, d)| ("file", Some(n.as_str()), d.as_slice()))
        .collect();
    let body = multipart("RR", &parts);
    let plain = post_multipart(&s.url("/v1/check"), "RR", &body);
    assert_eq!(plain.0, 200);
    let mut with_ids = Vec::new();
    for (i, f) in json(&plain)["files"].as_array().unwrap().iter().enumerate() {
        let shown: String = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}{}{}", d["excerpt"], d["context"], d["message"]))
            .collect();
        if id_like(&shown) {
            with_ids.push(i);
        }
    }
    assert!(
        !with_ids.is_empty(),
        "some finding shows an identity number without redact: {}",
        &plain.2[..plain.2.len().min(3000)]
    );
    for fmt in ["json", "sarif", "html"] {
        let r = post_multipart(
            &s.url(&format!("/v1/check?redact=1&format={fmt}")),
            "RR",
            &body,
        );
        assert_eq!(r.0, 200);
        assert!(!id_like(&r.2), "{fmt}: an identity number left unmasked");
    }
    // one document: the HTML report with its full text, and the page's text
    for &i in with_ids.iter().take(3) {
        for q in ["redact=1&format=html", "redact=1&text=1"] {
            let r = post(
                &s.url(&format!("/v1/check?{q}&name={}", names[i])),
                &datas[i],
            );
            assert_eq!(r.0, 200);
            assert!(!id_like(&r.2), "{} {q}: unmasked", files[i]);
        }
    }
    // --redact on the server cannot be turned off by a request
    let forced = Server::start(&["--redact"]);
    let i = with_ids[0];
    let r = post(
        &forced.url(&format!("/v1/check?name={}", names[i])),
        &datas[i],
    );
    assert!(!id_like(&r.2));
}

/// A predicate: does `s` contain 17 digits and a digit or X in a row (a full identity number)?
fn regex_18() -> impl Fn(&str) -> bool {
    |s: &str| {
        let c: Vec<char> = s.chars().collect();
        let mut run = 0;
        for (i, ch) in c.iter().enumerate() {
            if ch.is_ascii_digit() {
                run += 1;
            } else if (*ch == 'X' || *ch == 'x') && run == 17 {
                return true;
            } else {
                run = 0;
            }
            if run >= 18 && !c.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                return true;
            }
        }
        false
    }
}

#[test]
fn graceful_shutdown_finishes_in_flight_requests() {
    let mut s = Server::start_env(&[], &[("WENSHU_LINT_SERVE_DELAY_MS", "1200")]);
    let url = s.url("/v1/check");
    let doc = read("d01-divorce-vague.docx");
    let t = std::thread::spawn(move || post(&url, &doc));
    let t0 = Instant::now();
    while s.gauge("wenshu_queue_depth") < 1 {
        assert!(t0.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    unsafe {
        libc::kill(s.child.id() as i32, libc::SIGTERM);
    }
    let r = t.join().unwrap();
    assert_eq!(r.0, 200, "the request in flight is answered");
    assert_eq!(json(&r)["verdict"], "fail");
    let t0 = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "server did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(s.addr()).is_err(), "no longer listening");
    std::thread::sleep(Duration::from_millis(50));
    assert!(s.stderr.lock().unwrap().contains("已停止"));
}

#[test]
fn check_baseline_and_redact_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("wl-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bl = dir.join("baseline.json");
    let doc = corpus().join("d01-divorce-vague.docx");
    let first = Command::new(BIN)
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--write-baseline",
        ])
        .arg(&bl)
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(1), "findings: exit 1");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&bl).unwrap()).unwrap();
    let entries = written["acknowledged"].as_array().unwrap();
    assert!(!entries.is_empty());
    let again = Command::new(BIN)
        .args(["check", "--isolated", "--format", "json", "--baseline"])
        .arg(&bl)
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "all acknowledged: exit 0");
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert!(v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["acknowledged"].is_object()));
    // drop one entry: that finding blocks again
    let mut partial = written.clone();
    partial["acknowledged"].as_array_mut().unwrap().remove(0);
    std::fs::write(&bl, serde_json::to_string(&partial).unwrap()).unwrap();
    let third = Command::new(BIN)
        .args(["check", "--isolated", "--format", "json", "--baseline"])
        .arg(&bl)
        .arg(&doc)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&third.stdout).unwrap();
    let blocking = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["acknowledged"].is_null() && d["severity"] == "error")
        .count();
    assert_eq!(third.status.code(), Some(if blocking > 0 { 1 } else { 0 }));
    std::fs::write(&bl, "not json").unwrap();
    let bad = Command::new(BIN)
        .args(["check", "--isolated", "--baseline"])
        .arg(&bl)
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));

    // --redact on check, human and JSON, over the corpus
    let id_like = regex_18();
    let mut any_plain = false;
    for fmt in ["human", "json", "sarif", "csv"] {
        let plain = Command::new(BIN)
            .current_dir(corpus())
            .args(["check", "--isolated", "--format", fmt, "."])
            .output()
            .unwrap();
        any_plain |= id_like(&String::from_utf8_lossy(&plain.stdout));
        let red = Command::new(BIN)
            .current_dir(corpus())
            .args(["check", "--isolated", "--redact", "--format", fmt, "."])
            .output()
            .unwrap();
        assert!(
            !id_like(&String::from_utf8_lossy(&red.stdout)),
            "{fmt}: unmasked with --redact"
        );
    }
    assert!(any_plain);
    let _ = std::fs::remove_dir_all(&dir);
}
