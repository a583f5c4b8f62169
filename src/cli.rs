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
    /// Check documents (检查文书)
    Check(CheckArgs),
    /// Show what was read: paragraphs, sections, locations (显示读取结果与结构划分)
    Dump {
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: DumpFormat,
        /// A DOCX, PDF or text file, or - for standard input
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ProfileArg {
    Draft,
    Public,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum DumpFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories (walked recursively), or - for standard input
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format (human is the default)
    #[arg(long, value_enum)]
    format: Option<CheckFormat>,
    /// draft: originals before issue; public: copies prepared for online publication
    #[arg(long, value_enum, default_value = "draft")]
    profile: ProfileArg,
    /// Enable only these codes or prefixes (comma list: EX,ID00)
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Disable these codes or prefixes (comma list)
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exit 1 when a finding at or above this severity exists
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Extra/overriding pattern folder (repeatable)
    #[arg(long = "patterns")]
    patterns: Vec<PathBuf>,
    /// Worker threads (default: all cores)
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
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
        Command::Check(args) => check(args),
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

fn usage_error(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "wenshu-lint: {msg}");
    ExitCode::from(2)
}

fn check(args: CheckArgs) -> ExitCode {
    use wenshu_lint::report::{human, json};
    use wenshu_lint::{batch, lint_bytes, Options, Profile, Selection, Severity};

    let patterns = if args.patterns.is_empty() {
        None
    } else {
        let dirs: Vec<&std::path::Path> = args.patterns.iter().map(|p| p.as_path()).collect();
        match wenshu_lint::patterns::Patterns::with_overrides(&dirs) {
            Ok(p) => Some(std::sync::Arc::new(p)),
            Err(e) => return usage_error(&format!("词表错误：{e}")),
        }
    };
    for code in args.select.iter().chain(args.ignore.iter()) {
        let c = code.trim().to_ascii_uppercase();
        if c != "ALL"
            && !wenshu_lint::rules::all()
                .iter()
                .any(|r| r.code.starts_with(&c))
        {
            return usage_error(&format!("未知的规则代码或前缀：{code}"));
        }
    }
    let opts = Options {
        profile: if args.profile == ProfileArg::Public {
            Profile::Public
        } else {
            Profile::Draft
        },
        selection: Selection {
            select: args
                .select
                .iter()
                .map(|s| s.trim().to_ascii_uppercase())
                .collect(),
            ignore: args
                .ignore
                .iter()
                .map(|s| s.trim().to_ascii_uppercase())
                .collect(),
            severity: vec![],
        },
        limits: Limits::default(),
        patterns,
    };
    if let Some(j) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let format = args.format.unwrap_or(CheckFormat::Human);
    let style = human::Style {
        color: std::io::IsTerminal::is_terminal(&std::io::stdout())
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let started = std::time::Instant::now();
    let mut summary = json::Summary::default();
    let mut worst: Option<Severity> = None;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first = true;
    if format == CheckFormat::Json {
        let _ = stdout.write_all(json::head().as_bytes());
    }
    let mut emit = |r: wenshu_lint::FileReport| {
        summary.add(&r);
        for f in &r.findings {
            worst = worst.max(Some(f.severity));
        }
        let out = match format {
            CheckFormat::Human => human::file(&r, style),
            CheckFormat::Json => {
                let sep = if first { "" } else { ",\n" };
                first = false;
                format!("{sep}{}", json::file_line(&r))
            }
            CheckFormat::Jsonl => format!("{}\n", json::file_line(&r)),
            CheckFormat::Sarif => String::new(),
        };
        let _ = stdout.write_all(out.as_bytes());
        if format == CheckFormat::Jsonl {
            let _ = stdout.flush();
        }
    };
    let (stdin_args, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.into_iter().partition(|p| p.as_os_str() == "-");
    if !stdin_args.is_empty() {
        match read_input(std::path::Path::new("-")) {
            Ok(bytes) => emit(lint_bytes(&bytes, "-", &opts)),
            Err(e) => emit(wenshu_lint::FileReport {
                path: "-".into(),
                format: None,
                info: None,
                error: Some(e),
                findings: vec![],
            }),
        }
    }
    let (files, missing) = batch::collect(&paths);
    for r in missing {
        emit(r);
    }
    batch::run_ordered(&files, &opts, &mut emit);
    match format {
        CheckFormat::Json => {
            let _ = stdout.write_all(json::tail(&summary).as_bytes());
        }
        CheckFormat::Human => {
            let _ = stdout.write_all(
                human::summary(&summary, started.elapsed().as_secs_f64(), style).as_bytes(),
            );
        }
        _ => {}
    }
    let _ = stdout.flush();
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if threshold.is_some_and(|t| worst.is_some_and(|w| w >= t)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
