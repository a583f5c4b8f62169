//! The streaming protocol for engines that hand bytes, not paths (Spark's `binaryFiles`, a
//! message queue, a document system's export): `check --stdin-jsonl`.
//!
//! Input: one JSON object per line, `{"path": "…", "data": "<base64>"}` (an optional `"id"` of
//! any JSON type is echoed back). Output: one line per input line, in input order: the
//! `files[]` object of the JSON contract, plus `"seq"` (the 0-based input line number) and the
//! `"id"` if one was given. A line that is not such an object is one error result (READ009 for a
//! malformed line, READ008 for one past the size cap), never the end of the stream.
//!
//! Memory is bounded: documents are read in chunks (at most [`CHUNK_FILES`] documents or
//! [`CHUNK_BYTES`] of input at a time), each chunk is linted in parallel with the same worker
//! pool, budgets and ordering as a batch of files ([`crate::batch::run_with_stop`]).

use crate::batch::{self, RunConfig, StopFlag};
use crate::read::{ReadCode, ReadError};
use crate::report::{json, Sink, Tag};
use crate::{lint_bytes, FileReport, Options};
use base64::Engine;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Documents linted together at most.
pub const CHUNK_FILES: usize = 64;
/// Decoded input bytes held at once at most (a chunk ends early past this).
pub const CHUNK_BYTES: u64 = 256 << 20;

/// One input line, decoded.
struct Request {
    seq: usize,
    path: String,
    id: Option<serde_json::Value>,
    data: Result<Vec<u8>, ReadError>,
}

/// Read one line of at most `cap` bytes (without the newline). `Ok(None)` at the end of input;
/// `Ok(Some(Err(len)))` for a line longer than `cap` (its rest is skipped).
fn read_line(
    input: &mut impl BufRead,
    cap: usize,
) -> std::io::Result<Option<Result<Vec<u8>, usize>>> {
    let mut line = Vec::new();
    let mut seen = 0usize;
    let mut too_long = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            if seen == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        seen += chunk.len();
        if !too_long {
            if line.len() + chunk.len() > cap {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            seen += 1;
            break;
        }
    }
    Ok(Some(if too_long { Err(seen) } else { Ok(line) }))
}

fn parse(line: Result<Vec<u8>, usize>, seq: usize, max_input: u64) -> Request {
    let unnamed = format!("<stdin-jsonl 第{}行>", seq + 1);
    let line = match line {
        Ok(l) => l,
        Err(len) => {
            return Request {
                seq,
                path: unnamed,
                id: None,
                data: Err(ReadError::new(
                    ReadCode::TooLarge,
                    format!(
                        "输入行过长（{} MB），超过单个文件 {} MB 的上限",
                        len >> 20,
                        max_input >> 20
                    ),
                )),
            }
        }
    };
    let bad = |path: String, why: String| Request {
        seq,
        path,
        id: None,
        data: Err(ReadError::new(ReadCode::Io, why)),
    };
    let v: serde_json::Value = match serde_json::from_slice(&line) {
        Ok(v) => v,
        Err(e) => return bad(unnamed, format!("输入行不是有效的 JSON：{e}")),
    };
    let path = v
        .get("path")
        .and_then(|p| p.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| unnamed.clone());
    let id = v.get("id").cloned();
    let Some(data) = v.get("data").and_then(|d| d.as_str()) else {
        let mut r = bad(
            path,
            "输入行缺少 data 字段（文件内容的 base64 编码）".to_string(),
        );
        r.id = id;
        return r;
    };
    let data = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| ReadError::new(ReadCode::Io, format!("data 字段不是有效的 base64：{e}")))
        .and_then(|b| {
            if b.len() as u64 > max_input {
                Err(ReadError::new(
                    ReadCode::TooLarge,
                    format!(
                        "文件过大（{} MB），超过单个文件 {} MB 的上限",
                        b.len() >> 20,
                        max_input >> 20
                    ),
                ))
            } else {
                Ok(b)
            }
        });
    Request {
        seq,
        path,
        id,
        data,
    }
}

/// The output line for one report: the `files[]` object plus `seq` (and `id`).
pub fn result_line(report: &FileReport, seq: usize, id: Option<&serde_json::Value>) -> String {
    json::tagged_line(report, Tag { seq, id })
}

/// Run the protocol: lint every line of `input`, write one result line per input line to `out`
/// through `sink` ([`Sink::tagged`]; [`json::Jsonl`] writes the protocol's lines). `seen` is
/// called with each report (for the caller's exit status). The protocol has no closing line;
/// `finish` is left to a caller whose sink has one.
pub fn run(
    mut input: impl BufRead,
    out: &mut dyn Write,
    sink: &mut dyn Sink,
    opts: Arc<Options>,
    cfg: &RunConfig,
    stop: Option<StopFlag>,
    mut seen: impl FnMut(&FileReport),
) -> std::io::Result<usize> {
    let max_input = opts.limits.max_input;
    // base64 is 4/3 of the bytes, plus the JSON around it
    let cap = (max_input.saturating_mul(4) / 3 + (1 << 16)) as usize;
    let mut seq = 0usize;
    let mut eof = false;
    sink.begin(out)?;
    while !eof {
        if stop
            .as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
        {
            break;
        }
        // one chunk of requests
        let mut chunk: Vec<Request> = Vec::new();
        let mut bytes = 0u64;
        while chunk.len() < CHUNK_FILES && bytes < CHUNK_BYTES {
            match read_line(&mut input, cap)? {
                None => {
                    eof = true;
                    break;
                }
                Some(Ok(l)) if l.iter().all(|b| b.is_ascii_whitespace()) => {
                    seq += 1; // blank lines keep their numbers but ask for nothing
                    continue;
                }
                Some(line) => {
                    let r = parse(line, seq, max_input);
                    bytes += r.data.as_ref().map(|d| d.len() as u64).unwrap_or(0);
                    chunk.push(r);
                    seq += 1;
                }
            }
        }
        if chunk.is_empty() {
            continue;
        }
        // the batch runner works on paths: give each request a key and hand its bytes over
        let mut keys = Vec::with_capacity(chunk.len());
        let mut meta = Vec::with_capacity(chunk.len());
        let mut held: HashMap<PathBuf, (String, Result<Vec<u8>, ReadError>)> = HashMap::new();
        for (i, r) in chunk.into_iter().enumerate() {
            let key = PathBuf::from(format!("\u{0}stream-{i}"));
            keys.push((key.clone(), opts.clone()));
            meta.push((r.path.clone(), r.id, r.seq));
            held.insert(key, (r.path, r.data));
        }
        let held = Arc::new(Mutex::new(held));
        let lint: Arc<batch::LintFn> = {
            let held = held.clone();
            Arc::new(move |key: &Path, o: &Options| {
                let entry = held.lock().ok().and_then(|mut h| h.remove(key));
                match entry {
                    Some((path, Ok(bytes))) => lint_bytes(&bytes, &path, o),
                    Some((path, Err(e))) => FileReport::unreadable(&path, None, e),
                    None => FileReport::unreadable(
                        &key.display().to_string(),
                        None,
                        ReadError::new(ReadCode::Internal, "内部错误：输入已被取走"),
                    ),
                }
            })
        };
        let mut k = 0usize;
        let mut werr: Option<std::io::Error> = None;
        let ordered = RunConfig {
            ordered: true,
            ..cfg.clone()
        };
        batch::run_with_stop(keys, &ordered, lint, stop.clone(), |mut r| {
            let (path, id, line_no) = &meta[k];
            // a READ010 report names the key: give it the caller's path
            r.path = path.clone();
            seen(&r);
            if werr.is_none() {
                let tag = Tag {
                    seq: *line_no,
                    id: id.as_ref(),
                };
                if let Err(e) = sink.tagged(out, &r, tag) {
                    werr = Some(e);
                }
            }
            k += 1;
        });
        if let Some(e) = werr {
            return Err(e);
        }
        out.flush()?;
    }
    Ok(seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(path: &str, data: &[u8]) -> String {
        format!(
            "{{\"path\":\"{path}\",\"data\":\"{}\",\"id\":7}}\n",
            base64::engine::general_purpose::STANDARD.encode(data)
        )
    }

    fn run_str(input: &str) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        run(
            input.as_bytes(),
            &mut out,
            &mut json::Jsonl,
            Arc::new(Options::default()),
            &RunConfig::default(),
            None,
            |_| {},
        )
        .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn each_line_one_result_in_order_and_bad_lines_do_not_end_the_stream() {
        let doc = "四川省绵阳市涪城区人民法院\n民事判决书\n（2024）川0703民初1号\n原告张三。\n本院认为，应予支持。判决如下：\n被告李四于本判决生效之日起十日内支付原告张三5000元。\n审判员王五\n二〇二四年一月一日";
        let input = line("a.txt", doc.as_bytes())
            + "not json\n"
            + "{\"path\":\"b.txt\"}\n"
            + "{\"path\":\"c.txt\",\"data\":\"%%%\"}\n"
            + &line("d.txt", b"hello world");
        let out = run_str(&input);
        assert_eq!(out.len(), 5);
        let seqs: Vec<u64> = out.iter().map(|v| v["seq"].as_u64().unwrap()).collect();
        assert_eq!(seqs, vec![0, 1, 2, 3, 4]);
        assert_eq!(out[0]["path"], "a.txt");
        assert_eq!(out[0]["id"], 7);
        assert!(out[0]["error"].is_null());
        assert_eq!(out[0]["document"]["kind"], "判决书");
        assert_eq!(out[1]["error"]["code"], "READ009");
        assert_eq!(out[2]["path"], "b.txt");
        assert_eq!(out[2]["error"]["code"], "READ009");
        assert_eq!(out[3]["error"]["code"], "READ009");
        // hello world is read and understood as not a court document
        let codes: Vec<&str> = out[4]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, vec!["ST001"]);
    }

    #[test]
    fn a_line_past_the_size_cap_is_read008_and_the_next_line_still_runs() {
        let mut opts = Options::default();
        opts.limits.max_input = 1000;
        let big = line("big.txt", &vec![b'a'; 5000]);
        let input = big + &line("small.txt", "hello".as_bytes());
        let mut out = Vec::new();
        run(
            input.as_bytes(),
            &mut out,
            &mut json::Jsonl,
            Arc::new(opts),
            &RunConfig::default(),
            None,
            |_| {},
        )
        .unwrap();
        let out: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["error"]["code"], "READ008");
        assert_eq!(out[1]["path"], "small.txt");
        assert!(out[1]["error"].is_null());
    }

    #[test]
    fn results_are_the_json_contract_file_objects() {
        let doc = "hello";
        let out = run_str(&line("x.txt", doc.as_bytes()));
        let direct: serde_json::Value = serde_json::from_str(&json::file_line(&lint_bytes(
            doc.as_bytes(),
            "x.txt",
            &Options::default(),
        )))
        .unwrap();
        let mut got = out[0].clone();
        got.as_object_mut().unwrap().remove("seq");
        got.as_object_mut().unwrap().remove("id");
        assert_eq!(got, direct);
    }
}
