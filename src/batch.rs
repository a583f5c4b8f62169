//! Batch runs: find the input files, lint them in parallel, hand reports back (in a stable order
//! or as soon as each is done). No printing here: the caller gets each report through a callback.
//!
//! * Walking: [`collect`] walks directories with `ignore`'s parallel walker. Hidden entries are
//!   skipped; `.gitignore`, `.ignore` and git exclude files are NOT honoured (a clerk's archive
//!   folder is walked fully, even when it sits inside a git checkout). Word's lock files
//!   (`~$判决书.docx`, present while a draft is open) are skipped silently; named on the command
//!   line they are checked (and are READ003). Symbolic links follow ripgrep's convention: a link
//!   named on the command line is followed, links met while walking are not, unless
//!   [`Walk::follow_links`] (`check -L/--follow`; link loops are then skipped). Inputs are
//!   de-duplicated by canonical path, so overlapping arguments (`corpus corpus/`, a file and its
//!   folder, a link and its target) check each file once, first occurrence first. Files are
//!   picked by extension here; their content is sniffed again when read.
//! * Running: [`run`] lints on `jobs` worker threads. Ordered mode keeps a bounded reorder buffer
//!   keyed by index: each report is handed on as soon as every report before it has been, and no
//!   worker starts a file more than [`RunConfig::window`] places ahead of the next one to emit, so
//!   memory is flat in the number of files (documents are never held beyond their own lint).
//! * Guards: the input size cap is checked from the file's metadata before reading
//!   ([`lint_path`]); panics are contained per file (READ011); a per-file time budget is enforced
//!   by a watchdog (READ010). Rust threads cannot be killed: a file that overruns its budget is
//!   reported as READ010 at once, its worker thread is abandoned (left to finish or spin on its
//!   own, its result thrown away) and a fresh worker takes its place, so the run completes with
//!   full parallelism. The price is one leaked thread (and its memory) per hung file until the
//!   process exits.

use crate::{lint_bytes, FileReport, Options, ReadCode, ReadError};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// File extensions picked up when walking a directory (content is sniffed again when reading).
/// Word 97–2003 `.doc`, WPS `.wps` (the same OLE2 Word-binary format) and OFD are read; formats we
/// can't read (.rtf, .odt) are picked up too, so that an archive's files are named as unreadable
/// (READ002) instead of silently skipped.
pub const EXTENSIONS: &[&str] = &[
    "docx", "pdf", "txt", "htm", "html", "doc", "wps", "ofd", "rtf", "odt",
];

/// Name prefix of the worker threads (the quiet panic hook keeps them silent).
pub const WORKER_THREAD: &str = "wenshu-lint-worker";

/// Default per-file time budget.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Is this a Word/WPS owner ("lock") file, `~$` + the rest of the document's name?
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// How [`collect_with`] walks directories.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Follow symbolic links met while walking (`-L`). Links named on the command line are
    /// always followed.
    pub follow_links: bool,
}

/// Expand the command-line paths with the default [`Walk`]; see [`collect_with`].
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileReport>) {
    collect_with(paths, Walk::default())
}

/// Expand the command-line paths: files as given, directories walked recursively in parallel
/// (hidden entries and lock files skipped, ignore files not honoured), each directory's files
/// sorted by path, every file once (by canonical path; the first spelling is kept).
/// Paths that do not exist and directories that cannot be listed come back as error reports.
pub fn collect_with(paths: &[PathBuf], how: Walk) -> (Vec<PathBuf>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (mut found, errs) = walk(p, how);
            found.sort();
            files.extend(found);
            errors.extend(errs);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(error_report(
                p,
                ReadError::new(ReadCode::Io, "文件或目录不存在"),
            ));
        }
    }
    // One walk of one folder without followed links can't meet a file twice; anything else can.
    if paths.len() > 1 || how.follow_links {
        let mut seen = std::collections::HashSet::with_capacity(files.len());
        files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    }
    (files, errors)
}

fn walk(root: &Path, how: Walk) -> (Vec<PathBuf>, Vec<FileReport>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(how.follow_links)
        .threads(rayon::current_num_threads().max(1))
        .build_parallel();
    walker.run(|| {
        let found = &found;
        let errors = &errors;
        // Each walker thread batches its finds and hands them over when it is dropped.
        struct Flush<'a>(Vec<PathBuf>, &'a Mutex<Vec<PathBuf>>);
        impl Drop for Flush<'_> {
            fn drop(&mut self) {
                if let Ok(mut f) = self.1.lock() {
                    f.append(&mut self.0);
                }
            }
        }
        let mut flush = Flush(Vec::new(), found);
        Box::new(move |entry| {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file())
                        && wanted(e.path())
                        && !is_lock_file(e.path())
                    {
                        flush.0.push(e.into_path());
                    }
                }
                // -L: a link back to an ancestor; its files are reached the other way
                Err(err) if is_loop(&err) => {}
                Err(err) => {
                    let path = walk_error_path(&err).unwrap_or_else(|| root.to_path_buf());
                    if let Ok(mut v) = errors.lock() {
                        v.push(error_report(
                            &path,
                            ReadError::new(ReadCode::Io, format!("无法读取目录：{}", io_why(&err))),
                        ));
                    }
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut errors = errors.into_inner().unwrap_or_default();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (found.into_inner().unwrap_or_default(), errors)
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

fn io_why(err: &ignore::Error) -> String {
    match err.io_error().map(|e| e.kind()) {
        Some(std::io::ErrorKind::PermissionDenied) => "没有读取权限".into(),
        Some(std::io::ErrorKind::NotFound) => "目录不存在".into(),
        _ => match err.io_error() {
            Some(e) => e.to_string(),
            None => "目录遍历出错".into(),
        },
    }
}

fn error_report(path: &Path, e: ReadError) -> FileReport {
    FileReport::unreadable(&path.display().to_string(), None, e)
}

/// Read at most `max` bytes from `r`; more is READ008 (see [`crate::input::read_capped`]).
pub use crate::input::read_capped;

/// Read and lint one file from disk (or `-`, standard input) with [`crate::input::read`]: the
/// size cap from the metadata before reading and again while reading; only regular files and
/// pipes (FIFOs, as in `check <(…)`); a device or a socket is READ009.
pub fn lint_path(path: &Path, opts: &Options) -> FileReport {
    match crate::input::read(path, opts.limits.max_input) {
        Ok(bytes) => lint_bytes(&bytes, &path.display().to_string(), opts),
        Err(e) => error_report(path, e),
    }
}

/// The READ010 report for a file whose lint overran its budget.
pub fn timeout_report(path: &Path, budget: Duration) -> FileReport {
    error_report(
        path,
        ReadError::new(
            ReadCode::Timeout,
            format!(
                "检查此文件超过了单个文件 {} 秒的时间上限，已跳过此文件；其他文件照常检查（可用 --timeout-secs 调整）",
                fmt_secs(budget)
            ),
        ),
    )
}

fn fmt_secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s:.1}")
    }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Worker threads (0: rayon's current thread count, i.e. `--jobs` or all cores).
    pub jobs: usize,
    /// Hand reports back in input order (json, human, sarif) or as soon as done (jsonl).
    pub ordered: bool,
    /// Per-file time budget (`None`: no budget).
    pub timeout: Option<Duration>,
    /// Ordered mode: how far ahead of the next report to emit a worker may start a file
    /// (0: `jobs * 64`, at least 256). Bounds the reports held for ordering.
    pub window: usize,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            jobs: 0,
            ordered: true,
            timeout: Some(DEFAULT_TIMEOUT),
            window: 0,
        }
    }
}

/// The per-file function a run applies (normally [`lint_path`]).
pub type LintFn = dyn Fn(&Path, &Options) -> FileReport + Send + Sync;

/// Lint `files` (each with its options) in parallel with [`lint_path`]; see [`run_with`].
pub fn run(
    files: Vec<(PathBuf, Arc<Options>)>,
    cfg: &RunConfig,
    emit: impl FnMut(FileReport),
) -> RunStats {
    run_with(files, cfg, Arc::new(lint_path), emit)
}

/// A flag that ends a run early when set (from any thread: the reader of stdout went away, the
/// user pressed Ctrl-C …). See [`run_until`].
pub type StopFlag = Arc<AtomicBool>;

/// [`run`] that stops early once `stop` is set; see [`run_with_stop`].
pub fn run_until(
    files: Vec<(PathBuf, Arc<Options>)>,
    cfg: &RunConfig,
    stop: &StopFlag,
    emit: impl FnMut(FileReport),
) -> RunStats {
    run_with_stop(files, cfg, Arc::new(lint_path), Some(stop.clone()), emit)
}

/// What happened in a run besides the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Files whose lint overran the budget (their worker threads were abandoned).
    pub timed_out: usize,
    /// Most reports held at once in the reorder buffer.
    pub max_buffered: usize,
    /// The stop flag ended the run before every file was reported.
    pub stopped: bool,
}

/// Shared state between the workers and the emitting (calling) thread.
struct Shared {
    files: Vec<(PathBuf, Arc<Options>)>,
    lint: Arc<LintFn>,
    next: AtomicUsize,
    /// Ordered mode: index of the next report to emit (workers wait while too far ahead).
    emitted: Mutex<usize>,
    advanced: Condvar,
    window: usize,
    stop: Option<StopFlag>,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// Claim the next file, waiting while the claim would be too far ahead of the emitter.
    fn claim(&self) -> Option<usize> {
        if self.stopped() {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.files.len() {
            return None;
        }
        if self.window != usize::MAX {
            let mut e = self.emitted.lock().unwrap_or_else(|p| p.into_inner());
            while i >= e.saturating_add(self.window) {
                e = self.advanced.wait(e).unwrap_or_else(|p| p.into_inner());
            }
        }
        Some(i)
    }
}

/// A worker's current file: (index, start, cancel flag), and whether the watchdog gave up on it.
#[derive(Default)]
struct SlotState {
    current: Option<(usize, Instant, Arc<AtomicBool>)>,
    abandoned: bool,
}

type Slot = Arc<Mutex<SlotState>>;

/// Counts a worker thread the watchdog gave up on while it still runs (it stops at its next
/// budget check; the count lets the runner wait for it before starting another).
struct Zombie(Arc<AtomicUsize>);

impl Drop for Zombie {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn spawn_worker(
    shared: &Arc<Shared>,
    tx: &mpsc::Sender<(usize, FileReport)>,
    n: usize,
    zombies: &Arc<AtomicUsize>,
) -> Option<Slot> {
    let slot: Slot = Arc::new(Mutex::new(SlotState::default()));
    let (shared, tx, mine, zombies) = (shared.clone(), tx.clone(), slot.clone(), zombies.clone());
    std::thread::Builder::new()
        .name(format!("{WORKER_THREAD}-{n}"))
        .stack_size(16 << 20)
        .spawn(move || {
            while let Some(i) = shared.claim() {
                // A fresh cancel flag per file: the budgets made while linting it obey it.
                let cancel = Arc::new(AtomicBool::new(false));
                crate::read::budget::set_thread_cancel(Some(cancel.clone()));
                if let Ok(mut s) = mine.lock() {
                    s.current = Some((i, Instant::now(), cancel));
                }
                let (path, opts) = &shared.files[i];
                let lint = &shared.lint;
                let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    lint(path, opts)
                }))
                .unwrap_or_else(|_| {
                    error_report(
                        path,
                        ReadError::new(
                            ReadCode::Internal,
                            "读取或检查此文件时发生内部错误（程序缺陷），已跳过此文件；其他文件照常检查",
                        ),
                    )
                });
                crate::read::budget::set_thread_cancel(None);
                let mut s = mine.lock().unwrap_or_else(|p| p.into_inner());
                if s.abandoned {
                    // The watchdog already reported READ010 for this file and replaced us; it
                    // counted us as a zombie until now.
                    drop(s);
                    drop(Zombie(zombies));
                    return;
                }
                s.current = None;
                drop(s);
                if tx.send((i, report)).is_err() {
                    return;
                }
            }
        })
        .ok()
        .map(|_| slot)
}

/// Lint `files` on `cfg.jobs` worker threads with `lint`, calling `emit` on the calling thread
/// for each report: in input order when `cfg.ordered`, else as each file is done. Every file gets
/// exactly one report: a panic is READ011, an overrun of `cfg.timeout` is READ010.
pub fn run_with(
    files: Vec<(PathBuf, Arc<Options>)>,
    cfg: &RunConfig,
    lint: Arc<LintFn>,
    emit: impl FnMut(FileReport),
) -> RunStats {
    run_with_stop(files, cfg, lint, None, emit)
}

/// [`run_with`], ending early once `stop` is set: no file is started after that, the calling
/// thread returns within about 50 ms (files being linked are left to finish on their own, their
/// reports thrown away), and no further report is emitted. [`RunStats::stopped`] says so.
pub fn run_with_stop(
    files: Vec<(PathBuf, Arc<Options>)>,
    cfg: &RunConfig,
    lint: Arc<LintFn>,
    stop: Option<StopFlag>,
    mut emit: impl FnMut(FileReport),
) -> RunStats {
    let is_stopped =
        |stop: &Option<StopFlag>| stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed));
    let n = files.len();
    if n == 0 {
        return RunStats::default();
    }
    let jobs = if cfg.jobs == 0 {
        rayon::current_num_threads()
    } else {
        cfg.jobs
    }
    .clamp(1, n);
    let window = if !cfg.ordered {
        usize::MAX
    } else if cfg.window == 0 {
        (jobs * 64).max(256)
    } else {
        cfg.window.max(jobs)
    };
    let shared = Arc::new(Shared {
        files,
        lint,
        next: AtomicUsize::new(0),
        emitted: Mutex::new(0),
        advanced: Condvar::new(),
        window,
        stop: stop.clone(),
    });
    let (tx, rx) = mpsc::channel::<(usize, FileReport)>();
    let mut spawned = 0usize;
    let zombies = Arc::new(AtomicUsize::new(0));
    // Replacements owed for abandoned workers, started once their zombies have ended (or after
    // one more budget of waiting), so abandoned work never piles up in memory.
    let mut owed: Vec<Instant> = Vec::new();
    let mut slots: Vec<Slot> = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        if let Some(s) = spawn_worker(&shared, &tx, spawned, &zombies) {
            slots.push(s);
            spawned += 1;
        }
    }
    if slots.is_empty() {
        // No thread could be started: lint on this thread, in order, without a budget.
        drop(tx);
        for (path, opts) in &shared.files {
            if is_stopped(&stop) {
                return RunStats {
                    stopped: true,
                    ..RunStats::default()
                };
            }
            emit((shared.lint)(path, opts));
        }
        return RunStats::default();
    }

    // Reorder buffer: slot k holds the report of index `next_emit + k` once it is done.
    let mut buffer: VecDeque<Option<FileReport>> = VecDeque::new();
    let mut next_emit = 0usize;
    let mut received = 0usize;
    let mut buffered = 0usize;
    let mut max_buffered = 0usize;
    let mut timed_out = 0usize;
    let mut tick = cfg
        .timeout
        .map(|t| (t / 4).clamp(Duration::from_millis(5), Duration::from_millis(100)));
    if stop.is_some() {
        tick = Some(tick.map_or(STOP_TICK, |t| t.min(STOP_TICK)));
    }
    let mut stopped = false;
    let mut take = |i: usize, r: FileReport, emit: &mut dyn FnMut(FileReport)| {
        if !cfg.ordered {
            emit(r);
            return 0usize;
        }
        let k = i - next_emit;
        if buffer.len() <= k {
            buffer.resize_with(k + 1, || None);
        }
        buffer[k] = Some(r);
        buffered += 1;
        max_buffered = max_buffered.max(buffered);
        let mut advanced = 0;
        while let Some(Some(_)) = buffer.front() {
            if let Some(Some(r)) = buffer.pop_front() {
                buffered -= 1;
                emit(r);
                next_emit += 1;
                advanced += 1;
            }
        }
        if advanced > 0 {
            let mut e = shared.emitted.lock().unwrap_or_else(|p| p.into_inner());
            *e = next_emit;
            drop(e);
            shared.advanced.notify_all();
        }
        advanced
    };
    while received < n {
        if is_stopped(&stop) {
            stopped = true;
            break;
        }
        let got = match tick {
            Some(t) => rx.recv_timeout(t),
            None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match got {
            Ok((i, r)) => {
                received += 1;
                take(i, r, &mut emit);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // Watchdog: give up on files past their budget and replace their workers.
        if let Some(budget) = cfg.timeout {
            let now = Instant::now();
            let mut k = 0;
            while k < slots.len() {
                let overdue = {
                    let mut s = slots[k].lock().unwrap_or_else(|p| p.into_inner());
                    match &s.current {
                        Some((i, t0, cancel)) if now.duration_since(*t0) >= budget => {
                            // Ask the work to stop at its next budget check.
                            cancel.store(true, Ordering::Relaxed);
                            let i = *i;
                            s.abandoned = true;
                            s.current = None;
                            zombies.fetch_add(1, Ordering::Relaxed);
                            Some(i)
                        }
                        _ => None,
                    }
                };
                if let Some(i) = overdue {
                    slots.swap_remove(k);
                    timed_out += 1;
                    received += 1;
                    let report = timeout_report(&shared.files[i].0, budget);
                    take(i, report, &mut emit);
                    owed.push(now);
                    continue;
                }
                k += 1;
            }
            // Start owed replacements while fewer abandoned workers are still running than
            // live ones would leave room for, or once one has been waited for a whole budget.
            while let Some(&since) = owed.first() {
                let room = slots.len() + zombies.load(Ordering::Relaxed) < jobs;
                if !room && now.duration_since(since) < budget {
                    break;
                }
                owed.remove(0);
                if let Some(s) = spawn_worker(&shared, &tx, spawned, &zombies) {
                    slots.push(s);
                    spawned += 1;
                }
            }
        }
    }
    // Stop idle workers (they may be waiting for the window) and let leaked ones finish alone.
    shared.next.store(usize::MAX / 2, Ordering::Relaxed);
    {
        let mut e = shared.emitted.lock().unwrap_or_else(|p| p.into_inner());
        *e = usize::MAX / 2;
    }
    shared.advanced.notify_all();
    RunStats {
        timed_out,
        max_buffered,
        stopped,
    }
}

/// How often a stoppable run looks at its stop flag while waiting for reports.
const STOP_TICK: Duration = Duration::from_millis(50);

/// Install a panic hook that never prints a panic's payload (it may quote document text or an
/// identity number). Panics on worker threads are contained and reported per file as READ011,
/// so they print nothing; anywhere else one line names the source location only.
/// Set `WENSHU_LINT_PANIC=full` to keep Rust's default hook (for developers).
pub fn install_quiet_panic_hook() {
    if std::env::var_os("WENSHU_LINT_PANIC").is_some_and(|v| v == "full") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_THREAD));
        if worker {
            return;
        }
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "wenshu-lint: 内部错误（程序缺陷，位置 {at}）；请报告此问题（不含文书内容）"
        );
    }));
}
