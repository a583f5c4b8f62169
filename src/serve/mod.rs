//! `wenshu-lint serve`: the HTTP API for document systems and the page for judges.
//!
//! axum on a small tokio runtime for the sockets; the CPU-bound linting runs on tokio's blocking
//! pool behind a semaphore of `jobs` permits, with at most `queue` requests waiting for one (a
//! full queue answers 503 with `Retry-After`, never unbounded memory). Each request has a time
//! budget (past it the file is answered as READ010). Documents live only in memory: nothing here
//! writes a request body to disk or logs it; the metrics are counts only.

#![allow(clippy::result_large_err)] // handlers answer early with a ready Response

#[doc(hidden)]
pub mod b64;
mod metrics;

use crate::report::{catalogue, html, json, sarif, End, Sink};
use crate::{
    annotate, config, read, structure, FileReport, Options, Profile, ReadCode, ReadError, Severity,
};
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

pub use metrics::Metrics;

const PAGE_HTML: &str = include_str!("page.html");
const PAGE_JS: &str = include_str!("page.js");
const PAGE_CSS: &str = include_str!("page.css");

/// The page's Content-Security-Policy: its own script and style only, API calls to itself only,
/// no frames, no forms posting elsewhere, no plugins.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Linting threads (the blocking pool's permits); 0 = all cores.
    pub jobs: usize,
    /// Requests allowed to wait for a lint thread; past it, 503.
    pub queue: usize,
    /// Largest request body accepted, in bytes; past it, 413.
    pub max_body: usize,
    /// Time budget of one request (waiting included); past it, READ010.
    pub budget: Duration,
    /// Bearer token required on /v1/* and /metrics.
    pub token: Option<String>,
    /// Origin allowed to call the API from a browser (CORS); none by default.
    pub cors_origin: Option<String>,
    /// Mask identity numbers, phones and accounts in every answer.
    pub redact: bool,
    /// The options of every request (profile, selection, patterns) before its own query options.
    pub base: Arc<Options>,
    /// Default `fail_on` of the verdict (`None`: never fails on findings).
    pub fail_on: Option<Severity>,
    /// Test hook: extra sleep in every lint job (set from `WENSHU_LINT_SERVE_DELAY_MS`).
    pub delay: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            jobs: 0,
            queue: 64,
            max_body: 20 << 20,
            budget: Duration::from_secs(10),
            token: None,
            cors_origin: None,
            redact: false,
            base: Arc::new(Options::default()),
            fail_on: Some(Severity::Error),
            delay: Duration::ZERO,
        }
    }
}

struct AppState {
    cfg: ServeConfig,
    jobs: usize,
    permits: Arc<Semaphore>,
    /// Requests admitted (running or waiting).
    admitted: AtomicUsize,
    metrics: Metrics,
}

/// The number of lint threads `jobs` means on this machine.
pub fn effective_jobs(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    }
}

/// The application (all routes and layers) for `cfg`.
pub fn app(cfg: ServeConfig) -> Router {
    let jobs = effective_jobs(cfg.jobs);
    let state = Arc::new(AppState {
        permits: Arc::new(Semaphore::new(jobs)),
        jobs,
        admitted: AtomicUsize::new(0),
        metrics: Metrics::default(),
        cfg,
    });
    Router::new()
        .route("/", get(page))
        .route("/assets/page.js", get(page_js))
        .route("/assets/page.css", get(page_css))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_route))
        .route("/v1/rules", get(rules_route))
        .route("/v1/check", post(check_route))
        .route("/v1/annotate", post(annotate_route))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), outer))
        // the handlers read the body themselves, against `max_body`
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

/// Serve `cfg` on `listener` until `shutdown` completes; requests in flight are finished.
pub async fn serve(
    listener: tokio::net::TcpListener,
    cfg: ServeConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Compile every regex and automaton before the first request.
    let base = cfg.base.clone();
    let _ = tokio::task::spawn_blocking(move || crate::warm_up(&base)).await;
    axum::serve(listener, app(cfg))
        .with_graceful_shutdown(shutdown)
        .await
}

/// SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Is this address one only this machine can reach?
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Constant-time comparison (the time does not depend on where the strings differ).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0xff);
        diff |= (x ^ y) as u64;
    }
    diff == 0
}

// ---------------------------------------------------------------------------------------------
// errors and small responses

fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"error": {"code": code, "message": message}});
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string() + "\n",
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    r
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "not_found", "没有这个地址")
}

/// Route label for the metrics (a fixed set: never a user-controlled string).
fn route_label(path: &str) -> &'static str {
    match path {
        "/" => "/",
        "/assets/page.js" | "/assets/page.css" => "/assets",
        "/healthz" => "/healthz",
        "/metrics" => "/metrics",
        "/v1/rules" => "/v1/rules",
        "/v1/check" => "/v1/check",
        "/v1/annotate" => "/v1/annotate",
        _ => "other",
    }
}

/// Auth, CORS, metrics and security headers around every route.
async fn outer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = route_label(req.uri().path());
    let origin = req.headers().get(header::ORIGIN).cloned();
    let cors_ok = match (&st.cfg.cors_origin, &origin) {
        (Some(allowed), Some(o)) => allowed == "*" || o.as_bytes() == allowed.as_bytes(),
        _ => false,
    };
    let mut resp = if req.method() == Method::OPTIONS && cors_ok {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type, x-file-name"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        r
    } else if needs_auth(req.uri().path()) && !authorized(&st.cfg, req.headers()) {
        let mut r = error_response(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "需要访问令牌：请求头 Authorization: Bearer <令牌>",
        );
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"wenshu-lint\""),
        );
        r
    } else {
        next.run(req).await
    };
    if cors_ok {
        if let Some(o) = origin {
            let h = resp.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
            h.insert(header::VARY, HeaderValue::from_static("Origin"));
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("content-disposition, x-wenshu-findings"),
            );
        }
    }
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    st.metrics
        .request(route, resp.status().as_u16(), started.elapsed());
    resp
}

fn needs_auth(path: &str) -> bool {
    path.starts_with("/v1/") || path == "/metrics"
}

fn authorized(cfg: &ServeConfig, headers: &HeaderMap) -> bool {
    let Some(token) = &cfg.token else {
        return true;
    };
    let Some(v) = headers.get(header::AUTHORIZATION) else {
        return false;
    };
    let v = v.as_bytes();
    let given = if v.len() > 7 && v[..7].eq_ignore_ascii_case(b"bearer ") {
        v[7..].trim_ascii()
    } else {
        return false;
    };
    ct_eq(given, token.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// simple routes

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, PAGE_CSP),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        PAGE_HTML,
    )
        .into_response()
}

async fn page_js() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/javascript; charset=utf-8",
        )],
        PAGE_JS,
    )
        .into_response()
}

async fn page_css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        PAGE_CSS,
    )
        .into_response()
}

async fn healthz(State(st): State<Arc<AppState>>) -> Response {
    json_response(
        StatusCode::OK,
        json!({"status": "ok", "tool": {"name": json::TOOL_NAME, "version": json::TOOL_VERSION},
               "jobs": st.jobs, "queue": st.cfg.queue})
        .to_string()
            + "\n",
    )
}

async fn rules_route() -> Response {
    json_response(StatusCode::OK, catalogue::json())
}

async fn metrics_route(State(st): State<Arc<AppState>>) -> Response {
    let admitted = st.admitted.load(Ordering::SeqCst);
    let running = st.jobs - st.permits.available_permits().min(st.jobs);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        st.metrics.render(admitted, running),
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// request options

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutFormat {
    Json,
    Sarif,
    Html,
}

/// The per-request options from the query string.
struct Query {
    opts: Arc<Options>,
    format: OutFormat,
    name: Option<String>,
    /// The page asks for the document's paragraphs to show findings in place.
    text: bool,
    redact: bool,
    fail_on: Option<Severity>,
    acknowledged: Vec<crate::baseline::Entry>,
}

fn bad_request(msg: &str) -> Response {
    error_response(StatusCode::BAD_REQUEST, "bad_request", msg)
}

fn parse_codes(v: &str) -> Result<Vec<String>, Response> {
    let mut out = Vec::new();
    for c in v.split(',') {
        let c = c.trim().to_ascii_uppercase();
        if c.is_empty() {
            continue;
        }
        if !config::known_code(&c) {
            return Err(bad_request(&format!(
                "未知的规则代码或前缀：{c}（GET /v1/rules 查看全部规则）"
            )));
        }
        out.push(c);
    }
    Ok(out)
}

fn truthy(v: &str) -> bool {
    matches!(v, "" | "1" | "true" | "yes" | "on")
}

fn parse_query(st: &AppState, uri: &axum::http::Uri) -> Result<Query, Response> {
    let pairs: Vec<(String, String)> = match uri.query() {
        None => vec![],
        Some(q) => axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|q| q.0)
            .map_err(|_| bad_request(&format!("查询参数无法解析：{}", q.len())))?,
    };
    let mut opts = (*st.cfg.base).clone();
    let mut changed = false;
    let mut q = Query {
        opts: st.cfg.base.clone(),
        format: OutFormat::Json,
        name: None,
        text: false,
        redact: st.cfg.redact,
        fail_on: st.cfg.fail_on,
        acknowledged: vec![],
    };
    for (k, v) in pairs {
        match k.as_str() {
            "profile" => {
                opts.profile = match v.as_str() {
                    "draft" => Profile::Draft,
                    "public" => Profile::Public,
                    _ => return Err(bad_request("profile 只能是 draft 或 public")),
                };
                changed = true;
            }
            "select" => {
                opts.selection.select = parse_codes(&v)?;
                changed = true;
            }
            "ignore" => {
                opts.selection.ignore.extend(parse_codes(&v)?);
                changed = true;
            }
            "format" => {
                q.format = match v.as_str() {
                    "json" => OutFormat::Json,
                    "sarif" => OutFormat::Sarif,
                    "html" => OutFormat::Html,
                    _ => return Err(bad_request("format 只能是 json、sarif 或 html")),
                }
            }
            "fail_on" | "fail-on" => {
                q.fail_on = match v.as_str() {
                    "error" => Some(Severity::Error),
                    "warning" => Some(Severity::Warning),
                    "never" => None,
                    _ => return Err(bad_request("fail_on 只能是 error、warning 或 never")),
                }
            }
            "name" | "filename" => q.name = Some(v),
            "text" => q.text = truthy(&v),
            // the server's --redact cannot be turned off by a request
            "redact" => q.redact |= truthy(&v),
            _ => return Err(bad_request(&format!("未知的查询参数：{k}"))),
        }
    }
    if changed {
        q.opts = Arc::new(opts);
    }
    Ok(q)
}

// ---------------------------------------------------------------------------------------------
// bodies

struct Upload {
    name: String,
    bytes: Bytes,
}

/// Read the whole body, at most `max` bytes: 413 past it (by Content-Length at once, or while
/// reading a chunked body). A refused body of up to [`DRAIN_FACTOR`] × `max` is read to its end
/// and dropped before the answer, so the client finishes sending and reads the 413 instead of
/// finding the connection reset; a larger one is answered at once.
async fn read_body(max: usize, headers: &HeaderMap, mut body: Body) -> Result<Bytes, Response> {
    use axum::body::HttpBody;
    let too_large = || {
        error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            &format!("请求体超过 {} MB 的上限", max as f64 / 1048576.0),
        )
    };
    let drain_limit = max.saturating_mul(DRAIN_FACTOR);
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    let refused = declared.is_some_and(|n| n > max as u64);
    if refused && declared.is_some_and(|n| n > drain_limit as u64) {
        return Err(too_large());
    }
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => break,
            Some(Err(_)) => {
                if refused || seen > max {
                    return Err(too_large());
                }
                return Err(bad_request("请求体读取失败（连接中断或格式错误）"));
            }
            Some(Ok(f)) => {
                if let Some(d) = f.data_ref() {
                    seen = seen.saturating_add(d.len());
                    if seen > drain_limit {
                        return Err(too_large());
                    }
                    if !refused && seen <= max {
                        kept.extend_from_slice(d);
                    }
                }
            }
        }
    }
    if refused || seen > max {
        return Err(too_large());
    }
    Ok(Bytes::from(kept))
}

/// How far past the cap a refused body is still read (and dropped) before answering 413.
const DRAIN_FACTOR: usize = 4;

/// An extension for a name without one, from the Content-Type (for messages and the sniffer's
/// text/HTML choice; the format itself is sniffed from the bytes).
fn ext_for(content_type: &str) -> Option<&'static str> {
    let ct = content_type.split(';').next().unwrap_or("").trim();
    Some(match ct {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "text/html" => "html",
        "application/msword" => "doc",
        "application/ofd" => "ofd",
        _ => return None,
    })
}

fn default_name(given: Option<String>, content_type: Option<&str>) -> String {
    let name = given
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "document".into());
    // only the last path component: a name is for messages, never a path
    let name = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("document")
        .to_string();
    if name.contains('.') {
        return name;
    }
    match content_type.and_then(ext_for) {
        Some(e) => format!("{name}.{e}"),
        None => name,
    }
}

/// Percent-decode a header value (file names in headers are percent-encoded UTF-8).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Deserialize)]
struct JsonBody {
    #[serde(default)]
    name: Option<String>,
    content_base64: String,
    #[serde(default)]
    acknowledged: Vec<crate::baseline::Entry>,
}

/// The uploads of a request: the raw body, a JSON body (`content_base64`), or multipart files.
async fn uploads(st: &AppState, q: &mut Query, req: Request) -> Result<Vec<Upload>, Response> {
    let (parts, body) = req.into_parts();
    let ct = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = read_body(st.cfg.max_body, &parts.headers, body).await?;
    let header_name = parts
        .headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode);
    if let Some(v) = parts.headers.get("x-wenshu-acknowledged") {
        let s = percent_decode(v.to_str().unwrap_or(""));
        q.acknowledged = crate::baseline::parse_entries(&s)
            .map_err(|e| bad_request(&format!("X-Wenshu-Acknowledged 无法解析：{e}")))?;
    }
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "multipart/form-data" {
        let req = Request::from_parts(parts, Body::from(bytes));
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| bad_request(&format!("multipart 请求无法解析：{}", e.body_text())))?;
        let mut out = Vec::new();
        loop {
            let field = match mp.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    return Err(bad_request(&format!(
                        "multipart 请求无法解析：{}",
                        e.body_text()
                    )))
                }
            };
            let field_name = field.name().unwrap_or("").to_string();
            let file_name = field.file_name().map(str::to_string);
            let fct = field.content_type().map(str::to_string);
            let data = field
                .bytes()
                .await
                .map_err(|e| bad_request(&format!("multipart 请求无法解析：{}", e.body_text())))?;
            if field_name == "acknowledged" && file_name.is_none() {
                let s = String::from_utf8_lossy(&data);
                q.acknowledged.extend(
                    crate::baseline::parse_entries(&s)
                        .map_err(|e| bad_request(&format!("acknowledged 字段无法解析：{e}")))?,
                );
                continue;
            }
            if file_name.is_none() && field_name != "file" {
                return Err(bad_request(&format!(
                    "multipart 中未知的字段：{field_name}（文件字段需有文件名）"
                )));
            }
            out.push(Upload {
                name: default_name(file_name, fct.as_deref()),
                bytes: data,
            });
        }
        if out.is_empty() {
            return Err(bad_request("multipart 请求中没有文件"));
        }
        return Ok(out);
    }
    if mime == "application/json" {
        let jb: JsonBody = serde_json::from_slice(&bytes)
            .map_err(|e| bad_request(&format!("JSON 请求体无法解析：{e}")))?;
        let data = b64::decode(&jb.content_base64)
            .ok_or_else(|| bad_request("content_base64 不是有效的 base64"))?;
        q.acknowledged.extend(jb.acknowledged);
        let name = default_name(jb.name.or(q.name.take()).or(header_name), None);
        return Ok(vec![Upload {
            name,
            bytes: Bytes::from(data),
        }]);
    }
    let name = default_name(q.name.take().or(header_name), Some(&mime));
    Ok(vec![Upload { name, bytes }])
}

// ---------------------------------------------------------------------------------------------
// the lint job: admission, queue, budget

/// Held while a request is admitted (waiting or running); released when its work really ends.
struct Admission(Arc<AppState>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.admitted.fetch_sub(1, Ordering::SeqCst);
    }
}

fn admit(st: &Arc<AppState>) -> Result<Admission, Response> {
    let limit = st.jobs + st.cfg.queue;
    let mut cur = st.admitted.load(Ordering::SeqCst);
    loop {
        if cur >= limit {
            st.metrics.rejected();
            return Err(error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "queue_full",
                "服务繁忙：排队的请求已满，请稍后重试",
            ));
        }
        match st
            .admitted
            .compare_exchange(cur, cur + 1, Ordering::SeqCst, Ordering::SeqCst)
        {
            Ok(_) => return Ok(Admission(st.clone())),
            Err(now) => cur = now,
        }
    }
}

/// Run `work` on a lint thread within the request's budget. `Err(())`: the budget ran out (the
/// work, if it started, finishes on its thread and its permit is returned then).
async fn run_job<T: Send + 'static>(
    st: &Arc<AppState>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Result<T, ()>, Response> {
    let adm = admit(st)?;
    let budget = st.cfg.budget;
    let delay = st.cfg.delay;
    let permits = st.permits.clone();
    // Raised when the budget runs out: the lint checks it cooperatively (read::budget) and stops,
    // so its thread and permit come back soon after the READ010 answer.
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = cancel.clone();
    let fut = async move {
        let permit = permits.acquire_owned().await.map_err(|_| ())?;
        let h = tokio::task::spawn_blocking(move || {
            let _adm = adm;
            let _permit = permit;
            if !delay.is_zero() {
                std::thread::sleep(delay);
            }
            read::budget::set_thread_cancel(Some(flag));
            let v = work();
            read::budget::set_thread_cancel(None);
            v
        });
        h.await.map_err(|_| ())
    };
    Ok(match tokio::time::timeout(budget, fut).await {
        Ok(Ok(v)) => Ok(v),
        _ => {
            cancel.store(true, Ordering::SeqCst);
            Err(())
        }
    })
}

fn timeout_report(name: &str, budget: Duration) -> FileReport {
    FileReport {
        path: name.to_string(),
        format: None,
        info: None,
        error: Some(ReadError::new(
            ReadCode::Timeout,
            format!(
                "检查此文件超过了每个请求 {} 毫秒的时间上限，已停止；请稍后重试或联系管理员调整 --timeout-ms",
                budget.as_millis()
            ),
        )),
        findings: vec![],
        warnings: vec![],
    }
}

/// What a lint job hands back: each file's report and, for the page, its paragraphs.
struct Checked {
    report: FileReport,
    paragraphs: Option<serde_json::Value>,
    html: Option<String>,
}

fn check_one(up: &Upload, q: &JobOpts) -> Checked {
    let mut report = crate::lint_bytes(&up.bytes, &up.name, &q.opts);
    crate::baseline::apply(&mut report, &q.acknowledged);
    let need_doc = report.error.is_none() && (q.text || q.html_text);
    let doc = if need_doc {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read::read_bytes(&up.bytes, Some(&up.name), &q.opts.limits).ok()
        }))
        .ok()
        .flatten()
    } else {
        None
    };
    let mut doc = doc;
    if q.redact {
        crate::redact::report(&mut report);
        if let Some(d) = doc.as_mut() {
            crate::redact::document(d);
        }
    }
    // For the page: the paragraphs, and each finding's place in its paragraph in characters.
    let paragraphs = if q.text {
        doc.as_ref().map(|d| {
            let paras: Vec<&str> = d
                .paragraphs
                .iter()
                .map(|p| &d.text[p.start..p.end])
                .collect();
            let marks: Vec<_> = report
                .findings
                .iter()
                .map(
                    |f| json!({"start": f.context_char_start, "length": f.excerpt.chars().count()}),
                )
                .collect();
            json!({"paragraphs": paras, "marks": marks})
        })
    } else {
        None
    };
    let html = if q.html_text {
        doc.as_ref().and_then(|d| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let st = structure::analyze_with(d, &structure::Vocab::new(q.opts.vocabulary()));
                html::report_with_text(&report, d, &st)
            }))
            .ok()
        })
    } else {
        None
    };
    Checked {
        report,
        paragraphs,
        html,
    }
}

struct JobOpts {
    opts: Arc<Options>,
    text: bool,
    html_text: bool,
    redact: bool,
    acknowledged: Vec<crate::baseline::Entry>,
}

/// The verdict of the gate over `reports`: `pass`, `fail` (a finding at or above `fail_on` that
/// is not acknowledged) or `unreadable`.
pub fn verdict(reports: &[FileReport], fail_on: Option<Severity>) -> &'static str {
    if reports.iter().any(|r| r.error.is_some()) {
        return "unreadable";
    }
    let blocking = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.acknowledged.is_none() && fail_on.is_some_and(|t| f.severity >= t));
    if blocking {
        "fail"
    } else {
        "pass"
    }
}

async fn check_route(State(st): State<Arc<AppState>>, req: Request) -> Response {
    let mut q = match parse_query(&st, req.uri()) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let ups = match uploads(&st, &mut q, req).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let names: Vec<String> = ups.iter().map(|u| u.name.clone()).collect();
    let jo = JobOpts {
        opts: q.opts.clone(),
        text: q.text,
        html_text: q.format == OutFormat::Html && ups.len() == 1,
        redact: q.redact,
        acknowledged: q.acknowledged.clone(),
    };
    let out = match run_job(&st, move || {
        ups.iter().map(|u| check_one(u, &jo)).collect::<Vec<_>>()
    })
    .await
    {
        Err(r) => return r,
        Ok(Ok(v)) => v,
        Ok(Err(())) => names
            .iter()
            .map(|n| Checked {
                report: timeout_report(n, st.cfg.budget),
                paragraphs: None,
                html: None,
            })
            .collect(),
    };
    for c in &out {
        st.metrics.file(&c.report);
    }
    match q.format {
        OutFormat::Sarif => (
            [(
                header::CONTENT_TYPE,
                "application/sarif+json; charset=utf-8",
            )],
            render(&mut sarif::Sarif::default(), &out),
        )
            .into_response(),
        OutFormat::Html => {
            // the one-document page was rendered with the lint (it needs the document)
            let single = match out.as_slice() {
                [c] => c.html.clone(),
                _ => None,
            };
            let page = match single {
                Some(page) => render(
                    &mut html::Html::with_text(Box::new(move |_| Some(page))),
                    &out,
                ),
                None => render(&mut html::Html::default(), &out),
            };
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                    ),
                ],
                page,
            )
                .into_response()
        }
        OutFormat::Json => json_response(StatusCode::OK, check_json(&out, q.fail_on)),
    }
}

/// The reports through a format's sink, as one string.
fn render(sink: &mut dyn Sink, out: &[Checked]) -> String {
    let mut summary = json::Summary::default();
    let mut o: Vec<u8> = Vec::new();
    let _ = sink.begin(&mut o);
    for c in out {
        summary.add(&c.report);
        let _ = sink.file(&mut o, &c.report);
    }
    let end = End {
        summary: &summary,
        elapsed_s: 0.0,
        interrupted: false,
    };
    let _ = sink.finish(&mut o, &end);
    String::from_utf8(o).unwrap_or_default()
}

/// `check --format json`'s document (the same file objects, through the same sink), plus
/// `verdict` and, when asked, each file's `text` (its paragraphs, for the page).
fn check_json(out: &[Checked], fail_on: Option<Severity>) -> String {
    let mut sink = json::Json::default();
    let texts: Vec<_> = out.iter().map(|c| c.paragraphs.as_ref()).collect();
    if texts.iter().any(|t| t.is_some()) {
        sink.members.push((
            "text".into(),
            serde_json::to_string(&texts).unwrap_or_default(),
        ));
    }
    let reports: Vec<FileReport> = out.iter().map(|c| c.report.clone()).collect();
    let fail_on_s = fail_on.map(|s| s.as_str()).unwrap_or("never");
    sink.members.push((
        "verdict".into(),
        serde_json::to_string(verdict(&reports, fail_on)).unwrap_or_default(),
    ));
    sink.members
        .push(("fail_on".into(), format!("\"{fail_on_s}\"")));
    render(&mut sink, out)
}

async fn annotate_route(State(st): State<Arc<AppState>>, req: Request) -> Response {
    let mut q = match parse_query(&st, req.uri()) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let mut ups = match uploads(&st, &mut q, req).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    if ups.len() != 1 {
        return bad_request("annotate 每次只接受一个 DOCX 文件");
    }
    let up = ups.remove(0);
    let name = up.name.clone();
    let jo = JobOpts {
        opts: q.opts.clone(),
        text: false,
        html_text: false,
        redact: q.redact,
        acknowledged: q.acknowledged.clone(),
    };
    let res = run_job(&st, move || {
        let c = check_one(&up, &jo);
        if c.report.error.is_some() {
            return Err(c.report);
        }
        if c.report.format != Some(crate::Format::Docx) {
            return Ok(Err(c.report));
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            annotate::annotate_docx(
                &up.bytes,
                &c.report.findings,
                &annotate::CommentMeta::now(),
                &jo.opts.limits,
            )
        }));
        match r {
            Ok(Ok(bytes)) => Ok(Ok((bytes, c.report))),
            Ok(Err(e)) => {
                let mut rep = c.report;
                rep.error = Some(e);
                Err(rep)
            }
            Err(_) => {
                let mut rep = c.report;
                rep.error = Some(ReadError::new(
                    ReadCode::Internal,
                    "写批注时发生内部错误（程序缺陷）",
                ));
                Err(rep)
            }
        }
    })
    .await;
    let res = match res {
        Err(r) => return r,
        Ok(Err(())) => Err(timeout_report(&name, st.cfg.budget)),
        Ok(Ok(v)) => v,
    };
    match res {
        Ok(Ok((bytes, report))) => {
            st.metrics.file(&report);
            let stem = name
                .strip_suffix(".docx")
                .or_else(|| name.strip_suffix(".DOCX"))
                .unwrap_or(&name);
            let out_name = format!("{stem}.批注.docx");
            let disp = format!(
                "attachment; filename=\"annotated.docx\"; filename*=UTF-8''{}",
                percent_encode(&out_name)
            );
            let mut r = (
                [(
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )],
                bytes,
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&disp) {
                r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            r.headers_mut().insert(
                "x-wenshu-findings",
                HeaderValue::from(report.findings.len()),
            );
            r
        }
        Ok(Err(report)) => {
            st.metrics.file(&report);
            let fmt = report.format.map(|f| f.as_str()).unwrap_or("未知");
            error_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not_docx",
                &format!(
                    "只能给 DOCX 文书加批注（这是 {fmt} 文件）。PDF 或文本请用 POST /v1/check?format=html 生成 HTML 报告"
                ),
            )
        }
        Err(report) => {
            st.metrics.file(&report);
            let out = [Checked {
                report,
                paragraphs: None,
                html: None,
            }];
            json_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                check_json(&out, q.fail_on),
            )
        }
    }
}

fn percent_encode(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_compare() {
        assert!(ct_eq(b"secret", b"secret"));
        assert!(!ct_eq(b"secret", b"secreT"));
        assert!(!ct_eq(b"secret", b"secret2"));
        assert!(!ct_eq(b"", b"x"));
        assert!(ct_eq(b"", b""));
    }

    #[test]
    fn names_are_never_paths() {
        assert_eq!(
            default_name(Some("../../etc/passwd".into()), None),
            "passwd"
        );
        assert_eq!(default_name(None, Some("application/pdf")), "document.pdf");
        assert_eq!(
            default_name(Some("a.docx".into()), Some("text/plain")),
            "a.docx"
        );
        assert_eq!(percent_decode("%E5%88%A4.docx"), "判.docx");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_encode("判 a.docx"), "%E5%88%A4%20a.docx");
    }
}
