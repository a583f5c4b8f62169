//! Reading an input's bytes: one function for a file, a pipe (`check <(…)`) and standard input
//! (`-`), used by `check` (in the batch runner's workers), `dump` and `annotate`. The same bounds
//! and the same READ codes everywhere: at most `max` bytes (READ008 beyond, the rest never read),
//! only regular files, pipes and stdin (a device or a socket is READ009, `/dev/zero` would never
//! end), a directory is READ009. [`read_within`] adds the time budget for callers that read
//! outside the batch runner (whose watchdog bounds the read of a file in a worker): a pipe or a
//! terminal that never ends the input costs the budget (READ010), not the run.

use crate::read::{Limits, ReadCode, ReadError};
use std::path::Path;

/// The path that names standard input.
pub const STDIN: &str = "-";

/// Is `path` the `-` that names standard input?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

fn io_error(e: &std::io::Error) -> ReadError {
    ReadError::new(ReadCode::Io, format!("无法读取文件：{}", why(e)))
}

fn why(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    }
}

fn too_large(len: u64, max: u64) -> ReadError {
    ReadError::new(
        ReadCode::TooLarge,
        format!(
            "文件过大（{} MB），超过单个文件 {} MB 的上限",
            len >> 20,
            max >> 20
        ),
    )
}

/// Read at most `max` bytes from `r`; more is READ008 (the rest is never read).
pub fn read_capped(r: impl std::io::Read, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut buf = Vec::new();
    r.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| io_error(&e))?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64, max));
    }
    Ok(buf)
}

/// Read a file, a pipe or (`-`) standard input: at most `max` bytes. The size cap is checked
/// from a file's metadata before reading and again while reading (a file that grows, a pipe).
/// Blocks until the input ends: see [`read_within`] for a time budget.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    if is_stdin(path) {
        return read_capped(std::io::stdin().lock(), max).map_err(|e| match e.code {
            ReadCode::Io => ReadError::new(
                ReadCode::Io,
                format!(
                    "无法读取标准输入：{}",
                    e.message.trim_start_matches("无法读取文件：")
                ),
            ),
            _ => e,
        });
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(ReadError::new(ReadCode::Io, "这是一个目录，不是文件")),
        Ok(m) if !m.is_file() && !is_fifo(&m) => {
            return Err(ReadError::new(
                ReadCode::Io,
                "这不是普通文件（设备文件或套接字），不读取；请指定文书文件",
            ))
        }
        Ok(m) if m.len() > max => return Err(too_large(m.len(), max)),
        Err(e) => return Err(io_error(&e)),
        _ => {}
    }
    std::fs::File::open(path)
        .map_err(|e| io_error(&e))
        .and_then(|f| read_capped(f, max))
}

/// [`read`] within `limits.time` as well: stdin and pipes are read on a side thread, and an
/// input not ended in time is READ010 (the blocked reader is left behind; it ends with the
/// process). Regular files are read directly.
pub fn read_within(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let max = limits.max_input;
    let waits = is_stdin(path) || std::fs::metadata(path).is_ok_and(|m| is_fifo(&m));
    let Some(time) = limits.time.filter(|_| waits) else {
        return read(path, max);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(read(&p, max));
    });
    rx.recv_timeout(time).unwrap_or_else(|_| {
        Err(ReadError::new(
            ReadCode::Timeout,
            format!(
                "在 {} 秒内没有读完输入（管道或标准输入没有结束），已停止等待（可用 --timeout-secs 调整）",
                time.as_secs()
            ),
        ))
    })
}

#[cfg(unix)]
fn is_fifo(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    m.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_and_codes() {
        let dir = std::env::temp_dir().join(format!("wl-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(&f, vec![b'a'; 2000]).unwrap();
        assert_eq!(read(&f, 2000).unwrap().len(), 2000);
        assert_eq!(read(&f, 1999).unwrap_err().code, ReadCode::TooLarge);
        assert_eq!(read(&dir, 10).unwrap_err().code, ReadCode::Io);
        let gone = read(&dir.join("gone.txt"), 10).unwrap_err();
        assert_eq!(gone.code, ReadCode::Io);
        assert!(gone.message.contains("文件不存在"), "{}", gone.message);
        assert_eq!(
            read_capped(&[0u8; 11][..], 10).unwrap_err().code,
            ReadCode::TooLarge
        );
        #[cfg(unix)]
        assert_eq!(
            read(Path::new("/dev/null"), 10).unwrap_err().code,
            ReadCode::Io
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
