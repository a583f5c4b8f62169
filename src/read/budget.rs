//! Bounded work per file: a [`Budget`] is passed through the readers, the structure step and the
//! rules. It carries a deadline, a cancel flag the batch watchdog can raise, and counters for the
//! decoded bytes and the PDF operators a file may cost. Loops check it; when a bound is reached the
//! budget remembers why (READ010 time, READ008 size) and every later check fails the same way, so
//! code that cannot return an error (a callback, a font decoder) just stops and the caller turns
//! [`Budget::failure`] into the file's report.
//!
//! This is cooperative cancellation: Rust threads cannot be killed, so the work itself must look
//! at the clock. A process per file (as a browser isolates a tab) was measured and refused: the
//! process start and the vocabulary's regex compilation cost ~23 ms per file against ~1 ms in a
//! worker thread (README, "Bounds").

use super::{Limits, ReadCode, ReadError};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often (in [`Budget::tick`] calls) the clock is read.
const CLOCK_EVERY: u32 = 256;

thread_local! {
    /// The cancel flag of the file the current worker thread is on (set by the batch runner).
    static CANCEL: std::cell::RefCell<Option<Arc<AtomicBool>>> = const { std::cell::RefCell::new(None) };
}

/// Install (or clear) the cancel flag the next budgets made on this thread obey. The batch runner
/// sets a fresh flag for each file and raises it when the file overruns its time.
pub fn set_thread_cancel(flag: Option<Arc<AtomicBool>>) {
    CANCEL.with(|c| *c.borrow_mut() = flag);
}

/// The budget of one file. Not `Sync`: one file is read on one thread.
#[derive(Debug)]
pub struct Budget {
    deadline: Option<Instant>,
    time: Option<Duration>,
    cancel: Option<Arc<AtomicBool>>,
    /// Decoded bytes allowed (decompressed streams, decoded text, glyph text, findings).
    max_decoded: u64,
    decoded: Cell<u64>,
    /// PDF content-stream operators allowed (document-wide).
    max_ops: u64,
    ops: Cell<u64>,
    ticks: Cell<u32>,
    failed: Cell<Option<ReadCode>>,
    /// What ran out, for the message.
    what: Cell<&'static str>,
}

impl Budget {
    /// A budget from the limits, starting now; picks up this thread's cancel flag.
    pub fn new(limits: &Limits) -> Budget {
        let time = limits.time;
        Budget {
            deadline: time.map(|t| Instant::now() + t),
            time,
            cancel: CANCEL.with(|c| c.borrow().clone()),
            max_decoded: limits.max_decoded,
            decoded: Cell::new(0),
            max_ops: limits.max_ops,
            ops: Cell::new(0),
            ticks: Cell::new(0),
            failed: Cell::new(None),
            what: Cell::new(""),
        }
    }

    /// No bounds at all except the limits' sizes (tests, benches).
    pub fn unlimited_time(limits: &Limits) -> Budget {
        let mut b = Budget::new(limits);
        b.deadline = None;
        b.time = None;
        b
    }

    fn fail(&self, code: ReadCode, what: &'static str) -> ReadError {
        if self.failed.get().is_none() {
            self.failed.set(Some(code));
            self.what.set(what);
        }
        self.error()
    }

    /// The error of a spent budget (`READ011` if it is not spent: a caller bug, never a panic).
    pub fn error(&self) -> ReadError {
        match self.failed.get() {
            Some(ReadCode::Timeout) => ReadError::new(
                ReadCode::Timeout,
                match self.time {
                    Some(t) => format!(
                        "检查此文件超过了单个文件 {} 秒的时间上限，已停止并跳过此文件；其他文件照常检查（可用 --timeout-secs 调整）",
                        fmt_secs(t)
                    ),
                    None => "检查此文件被中止（超过时间上限），已跳过此文件；其他文件照常检查".into(),
                },
            ),
            Some(code) => ReadError::new(
                code,
                format!(
                    "{}超过单个文件的上限（解码内容 {} MB、PDF 操作 {} 万次），疑似恶意或损坏的文件，已停止读取",
                    self.what.get(),
                    self.max_decoded >> 20,
                    self.max_ops / 10_000
                ),
            ),
            None => ReadError::new(ReadCode::Internal, "内部错误：预算状态不一致"),
        }
    }

    /// `Some` once a bound was reached.
    pub fn failure(&self) -> Option<ReadError> {
        self.failed.get().map(|_| self.error())
    }

    pub fn is_spent(&self) -> bool {
        self.failed.get().is_some()
    }

    /// Check the clock and the cancel flag now.
    pub fn check(&self) -> Result<(), ReadError> {
        if self.failed.get().is_some() {
            return Err(self.error());
        }
        if self
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
            || self.deadline.is_some_and(|d| Instant::now() >= d)
        {
            return Err(self.fail(ReadCode::Timeout, "时间"));
        }
        Ok(())
    }

    /// A cheap check for tight loops: reads the clock every [`CLOCK_EVERY`] calls.
    #[inline]
    pub fn tick(&self) -> Result<(), ReadError> {
        if self.failed.get().is_some() {
            return Err(self.error());
        }
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(CLOCK_EVERY) {
            self.check()
        } else {
            Ok(())
        }
    }

    /// Charge `n` decoded bytes; `what` names the content for the message (e.g. "PDF 解压内容").
    pub fn charge(&self, n: usize, what: &'static str) -> Result<(), ReadError> {
        let total = self.decoded.get().saturating_add(n as u64);
        self.decoded.set(total);
        if total > self.max_decoded {
            return Err(self.fail(ReadCode::TooLarge, what));
        }
        self.tick()
    }

    /// Decoded bytes still allowed.
    pub fn decoded_left(&self) -> usize {
        usize::try_from(self.max_decoded.saturating_sub(self.decoded.get())).unwrap_or(usize::MAX)
    }

    pub fn decoded(&self) -> u64 {
        self.decoded.get()
    }

    /// Count one PDF operator.
    #[inline]
    pub fn op(&self) -> Result<(), ReadError> {
        let n = self.ops.get() + 1;
        self.ops.set(n);
        if n > self.max_ops {
            return Err(self.fail(ReadCode::TooLarge, "PDF 内容流操作数"));
        }
        self.tick()
    }
}

pub(crate) fn fmt_secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_bytes_are_capped_and_the_failure_sticks() {
        let limits = Limits {
            max_decoded: 100,
            ..Limits::default()
        };
        let b = Budget::new(&limits);
        assert!(b.charge(60, "x").is_ok());
        let e = b.charge(60, "文本").unwrap_err();
        assert_eq!(e.code, ReadCode::TooLarge);
        assert!(e.message.contains("文本"), "{}", e.message);
        assert_eq!(b.tick().unwrap_err().code, ReadCode::TooLarge);
        assert_eq!(b.failure().unwrap().code, ReadCode::TooLarge);
    }

    #[test]
    fn deadline_and_cancel_flag_stop_the_work() {
        let limits = Limits {
            time: Some(Duration::from_millis(30)),
            ..Limits::default()
        };
        let b = Budget::new(&limits);
        assert!(b.check().is_ok());
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(b.check().unwrap_err().code, ReadCode::Timeout);

        let flag = Arc::new(AtomicBool::new(false));
        set_thread_cancel(Some(flag.clone()));
        let b = Budget::new(&Limits::default());
        set_thread_cancel(None);
        assert!(b.check().is_ok());
        flag.store(true, Ordering::Relaxed);
        let mut stopped = false;
        for _ in 0..CLOCK_EVERY {
            if b.tick().is_err() {
                stopped = true;
                break;
            }
        }
        assert!(stopped);
        assert_eq!(b.failure().unwrap().code, ReadCode::Timeout);
    }

    #[test]
    fn operators_are_capped() {
        let limits = Limits {
            max_ops: 10,
            ..Limits::default()
        };
        let b = Budget::new(&limits);
        for _ in 0..10 {
            b.op().unwrap();
        }
        assert_eq!(b.op().unwrap_err().code, ReadCode::TooLarge);
    }
}
