//! Command-line front end: argument parsing, IO, exit codes. All logic lives in the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use wenshu_lint::read::{self, Limits, ReadCode, ReadError};
use wenshu_lint::report::dump;
use wenshu_lint::structure;

#[derive(Parser)]
#[command(
    name = "wenshu-lint",
    version,
    about = "裁判文书执行溯源检查：找出会导致执行障碍的文书缺陷"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show what was read: paragraphs, sections, locations (显示读取结果与结构划分)
    Dump {
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: DumpFormat,
        /// A DOCX, PDF or text file, or - for standard input
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DumpFormat {
    Text,
    Json,
}

/// Read a path (or `-` for stdin) into bytes, as a ReadError on failure.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| ReadError::new(ReadCode::Io, format!("无法读取标准输入：{e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => e.to_string(),
        };
        ReadError::new(ReadCode::Io, format!("无法打开文件：{why}"))
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Dump { format, file } => {
            let name = file.to_string_lossy().to_string();
            let limits = Limits::default();
            let result = read_input(&file).and_then(|bytes| {
                let fmt = read::sniff(&bytes, Some(&name)).ok();
                read::read_bytes(&bytes, Some(&name), &limits)
                    .map_err(|e| (fmt, e))
                    .map_err(|(_, e)| e)
                    .map(|d| (fmt, d))
            });
            let result = match result {
                Ok((_, doc)) => {
                    let st = structure::analyze(&doc);
                    Ok((doc, st))
                }
                Err(e) => Err((None, e)),
            };
            let out = match format {
                DumpFormat::Json => dump::json(&name, &result),
                DumpFormat::Text => dump::text(&name, &result),
            };
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(out.as_bytes());
            if !out.ends_with('\n') {
                let _ = stdout.write_all(b"\n");
            }
            if result.is_err() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
