//! Batch runs: find the input files, lint them in parallel, hand reports back in a stable order.
//! No printing here: the caller gets each report through a callback.

use crate::{lint_bytes, FileReport, Options, ReadCode, ReadError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// File extensions picked up when walking a directory (content is sniffed again when reading).
pub const EXTENSIONS: &[&str] = &["docx", "pdf", "txt", "htm", "html"];

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand the command-line paths: files as given, directories walked recursively (hidden
/// entries skipped), sorted by path. Paths that do not exist come back as error reports.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(error_report(
                p,
                ReadError::new(ReadCode::Io, "文件或目录不存在"),
            ));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(|e| e.ok()) {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out, depth + 1),
            Ok(t) if t.is_file() && wanted(&path) => out.push(path),
            _ => {}
        }
    }
}

fn error_report(path: &Path, e: ReadError) -> FileReport {
    FileReport {
        path: path.display().to_string(),
        format: None,
        info: None,
        error: Some(e),
        findings: vec![],
    }
}

/// Read and lint one file from disk.
pub fn lint_path(path: &Path, opts: &Options) -> FileReport {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.len() > opts.limits.max_input => {
            return error_report(
                path,
                ReadError::new(
                    ReadCode::TooLarge,
                    format!(
                        "文件过大（{} MB），超过单个文件 {} MB 的上限",
                        m.len() >> 20,
                        opts.limits.max_input >> 20
                    ),
                ),
            )
        }
        Err(e) => {
            return error_report(
                path,
                ReadError::new(ReadCode::Io, format!("无法读取文件：{e}")),
            )
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => lint_bytes(&bytes, &shown, opts),
        Err(e) => error_report(
            path,
            ReadError::new(ReadCode::Io, format!("无法读取文件：{e}")),
        ),
    }
}

/// Lint `files` (each with its options) in parallel; `emit` receives each report in input
/// order. Memory stays bounded: at most one chunk of reports is held at a time.
pub fn run_ordered(files: &[(PathBuf, std::sync::Arc<Options>)], mut emit: impl FnMut(FileReport)) {
    let chunk = (rayon::current_num_threads() * 16).max(16);
    for group in files.chunks(chunk) {
        let reports: Vec<FileReport> = group.par_iter().map(|(p, o)| lint_path(p, o)).collect();
        for r in reports {
            emit(r);
        }
    }
}
