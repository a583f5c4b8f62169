//! Command-line front end: argument parsing, IO, exit codes. All logic lives in the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use wenshu_lint::config::{self, Config};
use wenshu_lint::patterns::Patterns;
use wenshu_lint::read::{self, Limits, ReadCode, ReadError};
use wenshu_lint::report::{csv, dump, html, human, json, sarif};
use wenshu_lint::{
    batch, lint_bytes, rules, structure, FileReport, Options, Profile, Selection, Severity,
};

/// `--help` in Chinese: our own headings instead of clap's English ones.
const TOP_HELP: &str = "{about}\n\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}\n\n每个命令的说明：wenshu-lint <命令> --help\n";
const SUB_HELP: &str = "{about}\n\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}\n";
const OPT_HELP: &str = "{about}\n\n用法：{usage}\n\n选项：\n{options}\n";

#[derive(Parser)]
#[command(
    name = "wenshu-lint",
    version,
    about = "裁判文书执行溯源检查：找出会导致执行障碍的文书缺陷（绵中法〔2022〕92号）",
    help_template = TOP_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查文书（文件、目录或 - 表示标准输入）
    #[command(help_template = SUB_HELP)]
    Check(CheckArgs),
    /// 显示读取结果：段落、结构划分、位置（结果不对时先看这个）
    #[command(help_template = SUB_HELP)]
    Dump {
        /// 输出格式：text（默认）或 json
        #[arg(
            long,
            value_enum,
            default_value = "text",
            hide_possible_values = true,
            hide_default_value = true
        )]
        format: DumpFormat,
        /// DOCX、PDF 或文本文件，- 表示标准输入
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// 规则目录，每条规则一行
    #[command(help_template = OPT_HELP)]
    Rules {
        /// 输出格式：text（默认）或 json
        #[arg(
            long,
            value_enum,
            default_value = "text",
            hide_possible_values = true,
            hide_default_value = true
        )]
        format: DumpFormat,
    },
    /// 规则说明：检查什么、为什么、错误与正确的例子
    #[command(help_template = SUB_HELP)]
    Explain {
        /// 规则代码，如 EX001
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// 批注：写出 DOCX 副本，每个问题作为一条 Word 批注标在原文上
    #[command(help_template = SUB_HELP)]
    Annotate(AnnotateArgs),
    /// HTTP 服务：供办案系统调用的检查接口，以及供法官使用的网页（GET /）
    #[command(help_template = OPT_HELP)]
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// 监听地址（默认 127.0.0.1:8765，仅本机可访问）
    #[arg(long, default_value = "127.0.0.1:8765", value_name = "ADDR")]
    addr: String,
    /// 检查线程数（默认：全部 CPU 核心）
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// 最多排队等待的请求数，超过时返回 503（默认 64）
    #[arg(long, default_value_t = 64, value_name = "N")]
    queue: usize,
    /// 请求体上限（MB，默认 20），超过时返回 413
    #[arg(long, default_value_t = 20, value_name = "MB")]
    max_body_mb: usize,
    /// 每个请求的时间上限（毫秒，默认 10000），超时的文书报告为 READ010
    #[arg(long, default_value_t = 10000, value_name = "MS")]
    timeout_ms: u64,
    /// 访问令牌文件：请求须带 Authorization: Bearer <令牌>
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// 允许在非本机地址上不设令牌地监听（不建议）
    #[arg(long)]
    allow_remote_without_token: bool,
    /// 允许此来源的网页跨域调用接口（CORS；默认不允许）
    #[arg(long, value_name = "ORIGIN")]
    cors_origin: Option<String>,
    /// 在所有输出中遮蔽身份证号、手机号和银行账号
    #[arg(long)]
    redact: bool,
    /// draft：签发前的原本（默认）；public：上网公开的文本
    #[arg(long, value_enum, hide_possible_values = true)]
    profile: Option<ProfileArg>,
    /// 只启用这些规则代码或前缀（逗号分隔：EX,ID00）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// 停用这些规则代码或前缀（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// 结论为“须修改”的严重程度：error（默认）、warning、never
    #[arg(long, value_enum, hide_possible_values = true)]
    fail_on: Option<FailOn>,
    /// 追加的词表目录（可重复）
    #[arg(long = "patterns", value_name = "DIR")]
    patterns: Vec<PathBuf>,
    /// 使用此配置文件，而不是当前目录向上查找的 wenshu-lint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 忽略所有配置文件
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

#[derive(clap::Args)]
struct AnnotateArgs {
    /// 要批注的 DOCX 文书
    #[arg(value_name = "FILE.docx")]
    file: PathBuf,
    /// 输出文件（默认：与原文同目录的“<文件名>.批注.docx”）
    #[arg(short, long, value_name = "OUT.docx")]
    output: Option<PathBuf>,
    /// 输出文件已存在时覆盖它（原文件永不覆盖）
    #[arg(long)]
    force: bool,
    /// draft：签发前的原本（默认）；public：上网公开的文本
    #[arg(long, value_enum, hide_possible_values = true)]
    profile: Option<ProfileArg>,
    /// 只启用这些规则代码或前缀（逗号分隔：EX,ID00）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// 停用这些规则代码或前缀（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// 追加的词表目录（可重复）
    #[arg(long = "patterns", value_name = "DIR")]
    patterns: Vec<PathBuf>,
    /// 使用此配置文件，而不是查找 wenshu-lint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 忽略所有配置文件
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 文件或目录（递归查找），- 表示标准输入
    #[arg(required_unless_present = "stdin_jsonl", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 从标准输入逐行读取 {"path": …, "data": "<base64>"}，每行输出一行结果（JSON 合约中的文件对象，加 seq），按输入顺序；供 Spark 等数据引擎调用
    #[arg(long, conflicts_with_all = ["paths", "format"])]
    stdin_jsonl: bool,
    /// 输出格式：human（默认，终端阅读）、json、jsonl、sarif、html（自包含报告；单个文书附全文与批注）、csv（每个文件一行，Excel/WPS 可直接打开）
    #[arg(long, value_enum, hide_possible_values = true, value_name = "FORMAT")]
    format: Option<CheckFormat>,
    /// draft：签发前的原本（默认）；public：上网公开的文本
    #[arg(long, value_enum, hide_possible_values = true)]
    profile: Option<ProfileArg>,
    /// 只启用这些规则代码或前缀（逗号分隔：EX,ID00）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// 停用这些规则代码或前缀（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// 有达到此严重程度的问题时退出码为 1：error（默认）、warning、never
    #[arg(long, value_enum, hide_possible_values = true)]
    fail_on: Option<FailOn>,
    /// 追加的词表目录，覆盖或扩充内置词表（可重复）
    #[arg(long = "patterns", value_name = "DIR")]
    patterns: Vec<PathBuf>,
    /// 使用此配置文件，而不是向上查找 wenshu-lint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 忽略所有配置文件
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// 工作线程数（默认：全部 CPU 核心）
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// 单个文件的时间上限（秒，默认 10）；超时的文件报告为 READ010，其余照常检查（0：不限）
    #[arg(
        long,
        default_value_t = 10,
        value_name = "SECS",
        hide_default_value = true
    )]
    timeout_secs: u64,
    /// 遍历目录时跟随符号链接（命令行上直接给出的链接总是跟随）
    #[arg(long = "follow", short = 'L')]
    follow: bool,
    /// 在所有输出格式中遮蔽身份证号、手机号和银行账号
    #[arg(long)]
    redact: bool,
    /// 已确认的问题清单（指纹与理由）：其中的问题仍报告，但不计入退出码
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// 把本次的全部问题写成已确认清单（理由留待填写）
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// 单个文件大小上限（MB，默认 200）；超过的文件报告为 READ008
    #[arg(
        long,
        default_value_t = 200,
        value_name = "MB",
        hide_default_value = true
    )]
    max_file_mb: u64,
    /// 单个文件解码内容上限（MB，默认 256：PDF 解压的流与文字、DOCX 正文、段落、检查结果）；超过报告为 READ008。多线程时取 768 MB ÷ 线程数 与此值中较小者
    #[arg(
        long,
        default_value_t = 256,
        value_name = "MB",
        hide_default_value = true
    )]
    max_decoded_mb: u64,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Html,
    Csv,
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

/// Read a path (or `-` for stdin) into bytes, as a ReadError on failure: at most
/// `limits.max_input` bytes (READ008 beyond), within `limits.time` (READ010: a pipe or a
/// terminal that never ends the input), and only from a regular file or a pipe (a device or a
/// socket is READ009). The same bounds as `check` on a file.
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let max = limits.max_input;
    if path.as_os_str() != "-" {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(ReadError::new(ReadCode::Io, "这是一个目录，不是文件"))
            }
            Ok(m) if m.is_file() && m.len() > max => {
                return Err(ReadError::new(
                    ReadCode::TooLarge,
                    format!(
                        "文件过大（{} MB），超过单个文件 {} MB 的上限",
                        m.len() >> 20,
                        max >> 20
                    ),
                ))
            }
            Ok(m) if m.is_file() => {
                return std::fs::File::open(path)
                    .map_err(|e| open_error(&e))
                    .and_then(|f| batch::read_capped(f, max));
            }
            Ok(m) if !is_pipe(&m) => {
                return Err(ReadError::new(
                    ReadCode::Io,
                    "这不是普通文件（设备文件或套接字），不读取；请指定文书文件",
                ))
            }
            Ok(_) => {}
            Err(e) => return Err(open_error(&e)),
        }
    }
    // stdin or a pipe: read on a side thread so that an input that never ends costs the time
    // budget, not the run (the blocked reader is left behind when the process exits).
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let r = if p.as_os_str() == "-" {
            batch::read_capped(std::io::stdin().lock(), max)
        } else {
            std::fs::File::open(&p)
                .map_err(|e| open_error(&e))
                .and_then(|f| batch::read_capped(f, max))
        };
        let _ = tx.send(r);
    });
    let got = match limits.time {
        Some(t) => rx.recv_timeout(t).map_err(|_| ()),
        None => rx.recv().map_err(|_| ()),
    };
    match got {
        Ok(r) => r.map_err(|e| {
            if path.as_os_str() == "-" && e.code == ReadCode::Io {
                ReadError::new(ReadCode::Io, format!("无法读取标准输入：{}", e.message))
            } else {
                e
            }
        }),
        Err(()) => Err(ReadError::new(
            ReadCode::Timeout,
            format!(
                "在 {} 秒内没有读完输入（管道或标准输入没有结束），已停止等待（可用 --timeout-secs 调整）",
                limits.time.map(|t| t.as_secs()).unwrap_or(0)
            ),
        )),
    }
}

fn open_error(e: &std::io::Error) -> ReadError {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    };
    ReadError::new(ReadCode::Io, format!("无法打开文件：{why}"))
}

#[cfg(unix)]
fn is_pipe(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    m.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// The limits of the command line: the library's, with the default time budget.
fn cli_limits() -> Limits {
    Limits {
        time: Some(read::DEFAULT_TIME),
        ..Limits::default()
    }
}

fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// Rule codes and prefixes as given on the command line or in a config: trimmed, upper-cased.
fn upper(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn usage_error(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "wenshu-lint: {msg}");
    ExitCode::from(2)
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Dump { format, file } => dump_cmd(format, &file),
        Command::Rules { format } => {
            print(&match format {
                DumpFormat::Text => wenshu_lint::report::catalogue::text(),
                DumpFormat::Json => wenshu_lint::report::catalogue::json(),
            });
            ExitCode::SUCCESS
        }
        Command::Annotate(args) => annotate_cmd(args),
        Command::Serve(args) => serve_cmd(args),
        Command::Explain { code } => match rules::by_code(code.trim()) {
            Some(rule) => {
                print(&wenshu_lint::report::catalogue::explain(rule));
                ExitCode::SUCCESS
            }
            None => match ReadCode::from_code(&code) {
                Some(c) => {
                    print(&wenshu_lint::report::catalogue::explain_read(c));
                    ExitCode::SUCCESS
                }
                None => usage_error(&format!(
                    "没有规则 {code}；运行 `wenshu-lint rules` 查看全部规则"
                )),
            },
        },
    }
}

fn dump_cmd(format: DumpFormat, file: &Path) -> ExitCode {
    let name = file.to_string_lossy().to_string();
    let limits = cli_limits();
    let result = read_input(file, &limits)
        .and_then(|bytes| read::read_bytes(&bytes, Some(&name), &limits))
        .map(|doc| {
            let st = structure::analyze(&doc);
            (doc, st)
        })
        .map_err(|e| (None, e));
    let out = match format {
        DumpFormat::Json => dump::json(&name, &result),
        DumpFormat::Text => dump::text(&name, &result),
    };
    print(&out);
    if !out.ends_with('\n') {
        print("\n");
    }
    if result.is_err() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Builds the options for each input, from the CLI flags and the nearest configuration file.
struct Resolver {
    args_profile: Option<Profile>,
    select: Vec<String>,
    ignore: Vec<String>,
    patterns: Vec<PathBuf>,
    fixed: Option<Option<Config>>,
    cache: HashMap<Option<PathBuf>, Arc<Options>>,
    /// Per-file limits (time budget, sizes) of every input.
    limits: Limits,
}

impl Resolver {
    fn config_for(&self, input: &Path) -> Result<Option<Config>, String> {
        match &self.fixed {
            Some(c) => Ok(c.clone()),
            None => match config::find(input) {
                Some(p) => config::load(&p).map(Some).map_err(|e| e.to_string()),
                None => Ok(None),
            },
        }
    }

    fn options_for(&mut self, input: &Path) -> Result<(Arc<Options>, Option<Config>), String> {
        let cfg = self.config_for(input)?;
        let key = cfg.as_ref().map(|c| c.path.clone());
        if let Some(o) = self.cache.get(&key) {
            return Ok((o.clone(), cfg));
        }
        let profile = self
            .args_profile
            .or_else(|| cfg.as_ref().and_then(Config::profile))
            .unwrap_or_default();
        let mut select = cfg.as_ref().map(|c| upper(&c.select)).unwrap_or_default();
        if !self.select.is_empty() {
            select = self.select.clone();
        }
        let mut ignore = cfg.as_ref().map(|c| upper(&c.ignore)).unwrap_or_default();
        ignore.extend(self.ignore.iter().cloned());
        let mut dirs = cfg.as_ref().map(Config::pattern_dirs).unwrap_or_default();
        dirs.extend(self.patterns.iter().cloned());
        let patterns = if dirs.is_empty() {
            None
        } else {
            let refs: Vec<&Path> = dirs.iter().map(|p| p.as_path()).collect();
            let p = Patterns::with_overrides(&refs).map_err(|e| format!("词表错误：{e}"))?;
            rules::validate_patterns(&p).map_err(|e| format!("词表错误：{e}"))?;
            Some(Arc::new(p))
        };
        let opts = Arc::new(Options {
            profile,
            selection: Selection {
                select,
                ignore,
                severity: cfg.as_ref().map(Config::severities).unwrap_or_default(),
            },
            limits: self.limits,
            patterns,
        });
        self.cache.insert(key, opts.clone());
        Ok((opts, cfg))
    }
}

impl Resolver {
    /// From the selection flags shared by `check` and `annotate`; a usage error as `Err`.
    fn new(
        profile: Option<ProfileArg>,
        select: &[String],
        ignore: &[String],
        patterns: &[PathBuf],
        config_file: Option<&Path>,
        isolated: bool,
    ) -> Result<Resolver, ExitCode> {
        for code in select.iter().chain(ignore.iter()) {
            if !config::known_code(code) {
                return Err(usage_error(&format!(
                    "未知的规则代码或前缀：{code}（运行 `wenshu-lint rules` 查看全部规则）"
                )));
            }
        }
        let fixed = if isolated {
            Some(None)
        } else if let Some(p) = config_file {
            match config::load(p) {
                Ok(c) => Some(Some(c)),
                Err(e) => return Err(usage_error(&e.to_string())),
            }
        } else {
            None
        };
        Ok(Resolver {
            args_profile: profile.map(|p| {
                if p == ProfileArg::Public {
                    Profile::Public
                } else {
                    Profile::Draft
                }
            }),
            select: upper(select),
            ignore: upper(ignore),
            patterns: patterns.to_vec(),
            fixed,
            cache: HashMap::new(),
            limits: cli_limits(),
        })
    }
}

fn annotate_cmd(args: AnnotateArgs) -> ExitCode {
    use wenshu_lint::annotate;
    let mut resolver = match Resolver::new(
        args.profile,
        &args.select,
        &args.ignore,
        &args.patterns,
        args.config.as_deref(),
        args.isolated,
    ) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let input = &args.file;
    let name = input.display().to_string();
    let fail = |msg: &str| {
        let _ = writeln!(std::io::stderr(), "wenshu-lint: {name}: {msg}");
        ExitCode::from(2)
    };
    if input.as_os_str() == "-" {
        return usage_error(
            "annotate 需要一个 DOCX 文件路径（不能从标准输入读取，因为要在原文旁写出批注副本）",
        );
    }
    let bytes = match read_input(input, &cli_limits()) {
        Ok(b) => b,
        Err(e) => return fail(&format!("[{}] {}", e.code.as_str(), e.message)),
    };
    match read::sniff(&bytes, Some(&name)) {
        Ok(wenshu_lint::Format::Docx) => {}
        Ok(f) => {
            return fail(&format!(
                "annotate 只能给 DOCX 文书加批注（这是 {} 文件）。请生成带全文和批注的 HTML 报告：wenshu-lint check --format html {name} > 报告.html（Word/WPS 文档也可先另存为 .docx 再批注）",
                f.as_str().to_uppercase()
            ))
        }
        Err(e) => return fail(&format!("[{}] {}", e.code.as_str(), e.message)),
    }
    let out = args.output.clone().unwrap_or_else(|| {
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "文书".into());
        input.with_file_name(format!("{stem}.批注.docx"))
    });
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    if same(&out, input) {
        return fail("输出文件就是原文件：annotate 从不覆盖原文，请用 -o 指定另一个文件名");
    }
    if out.exists() && !args.force {
        return fail(&format!(
            "输出文件 {} 已存在；如要覆盖请加 --force",
            out.display()
        ));
    }
    let opts = match resolver.options_for(input) {
        Ok((o, _)) => o,
        Err(e) => return usage_error(&e),
    };
    let report = lint_bytes(&bytes, &name, &opts);
    if let Some(e) = &report.error {
        return fail(&format!("[{}] {}", e.code.as_str(), e.message));
    }
    let annotated = match annotate::annotate_docx(
        &bytes,
        &report.findings,
        &annotate::CommentMeta::now(),
        &opts.limits,
    ) {
        Ok(b) => b,
        Err(e) => return fail(&format!("[{}] {}", e.code.as_str(), e.message)),
    };
    // Write beside the target, then rename: a half-written file never carries the final name.
    let tmp = out.with_file_name(format!(
        ".{}.wenshu-lint-tmp",
        out.file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if let Err(e) = std::fs::write(&tmp, &annotated).and_then(|_| std::fs::rename(&tmp, &out)) {
        let _ = std::fs::remove_file(&tmp);
        return fail(&format!("无法写出 {}：{e}", out.display()));
    }
    let mut by_code: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &report.findings {
        *by_code.entry(f.code).or_default() += 1;
    }
    let list = by_code
        .iter()
        .map(|(c, n)| format!("{c}×{n}"))
        .collect::<Vec<_>>()
        .join("，");
    if report.findings.is_empty() {
        print(&format!(
            "{}：未发现问题，已写出无批注的副本\n",
            out.display()
        ));
    } else {
        print(&format!(
            "{}：已写出 {} 条批注（{list}）\n",
            out.display(),
            report.findings.len()
        ));
    }
    ExitCode::SUCCESS
}

/// `check --stdin-jsonl`: the streaming protocol (see `wenshu_lint::stream`).
fn stream_cmd(args: &CheckArgs, resolver: &mut Resolver) -> ExitCode {
    let (opts, cfg) = match resolver.options_for(&std::env::current_dir().unwrap_or_default()) {
        Ok(x) => x,
        Err(e) => return usage_error(&e),
    };
    let threshold = match (args.fail_on, cfg.and_then(|c| c.fail_on).as_deref()) {
        (Some(FailOn::Never), _) | (None, Some("never")) => None,
        (Some(FailOn::Warning), _) | (None, Some("warning")) => Some(Severity::Warning),
        _ => Some(Severity::Error),
    };
    let run_cfg = batch::RunConfig {
        jobs: args.jobs.unwrap_or(0),
        ordered: true,
        timeout: (args.timeout_secs > 0).then(|| Duration::from_secs(args.timeout_secs)),
        window: 0,
    };
    let stop: batch::StopFlag = Default::default();
    let closed: batch::StopFlag = Default::default();
    watch_stdout(&stop, &closed);
    let (mut unreadable, mut worst) = (false, None::<Severity>);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let stdin = std::io::stdin().lock();
    let result = wenshu_lint::stream::run(stdin, &mut out, opts, &run_cfg, Some(stop), |r| {
        unreadable |= r.error.is_some();
        for f in &r.findings {
            worst = worst.max(Some(f.severity));
        }
    });
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wenshu-lint: 读取标准输入或写出结果失败：{e}");
            ExitCode::from(2)
        }
        Ok(_) if unreadable => ExitCode::from(2),
        Ok(_) if threshold.is_some_and(|t| worst.is_some_and(|w| w >= t)) => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let mut resolver = match Resolver::new(
        args.profile,
        &args.select,
        &args.ignore,
        &args.patterns,
        args.config.as_deref(),
        args.isolated,
    ) {
        Ok(r) => r,
        Err(code) => return code,
    };
    resolver.limits = Limits {
        time: (args.timeout_secs > 0).then(|| Duration::from_secs(args.timeout_secs)),
        max_input: args.max_file_mb.max(1) << 20,
        max_decoded: args.max_decoded_mb.max(1) << 20,
        ..Limits::default()
    }
    .for_jobs(
        args.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    );
    if let Some(j) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let acknowledged = match &args.baseline {
        None => Vec::new(),
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|s| wenshu_lint::baseline::parse_entries(&s))
        {
            Ok(v) => v,
            Err(e) => return usage_error(&format!("无法读取已确认清单 {}：{e}", p.display())),
        },
    };
    let redact = args.redact;
    let mut for_baseline: Vec<FileReport> = Vec::new();

    if args.stdin_jsonl {
        return stream_cmd(&args, &mut resolver);
    }

    // Inputs and their options.
    let (stdin_args, paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.as_os_str() == "-");
    let walk = batch::Walk {
        follow_links: args.follow,
    };
    let (files, missing) = batch::collect_with(&paths, walk);
    if files.is_empty() && missing.is_empty() && stdin_args.is_empty() {
        return usage_error(&format!(
            "没有可检查的文书：{} 中没有 {} 文件",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、"),
            batch::EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    let mut work = Vec::with_capacity(files.len());
    let mut fail_on_cfg: Option<String> = None;
    for f in files {
        match resolver.options_for(&f) {
            Ok((o, cfg)) => {
                if fail_on_cfg.is_none() {
                    fail_on_cfg = cfg.and_then(|c| c.fail_on);
                }
                work.push((f, o));
            }
            Err(e) => return usage_error(&e),
        }
    }
    let stdin_opts = if stdin_args.is_empty() {
        None
    } else {
        match resolver.options_for(&std::env::current_dir().unwrap_or_default()) {
            Ok((o, cfg)) => {
                if fail_on_cfg.is_none() {
                    fail_on_cfg = cfg.and_then(|c| c.fail_on);
                }
                Some(o)
            }
            Err(e) => return usage_error(&e),
        }
    };
    let threshold = match (args.fail_on, fail_on_cfg.as_deref()) {
        (Some(FailOn::Never), _) | (None, Some("never")) => None,
        (Some(FailOn::Warning), _) | (None, Some("warning")) => Some(Severity::Warning),
        _ => Some(Severity::Error),
    };

    let format = args.format.unwrap_or(CheckFormat::Human);
    let stdout_tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let stderr_tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let style = human::Style {
        color: stdout_tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let started = std::time::Instant::now();
    let mut summary = json::Summary::default();
    let mut worst: Option<Severity> = None;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // A reader that goes away (`| head -1`, `| less` then q) ends the run at once, quietly:
    // noticed when a write fails, or sooner by watching the pipe while nothing is written.
    let stop: batch::StopFlag = Default::default();
    let closed: batch::StopFlag = Default::default();
    watch_stdout(&stop, &closed);
    let mut write_error: Option<std::io::Error> = None;
    let mut first = true;
    // SARIF and HTML are written at the end from the reports kept here.
    let mut kept: Vec<FileReport> = Vec::new();
    // Progress on stderr only when it is a terminal; nothing extra otherwise.
    let total = work.len() + missing.len() + usize::from(stdin_opts.is_some());
    let bar = (stderr_tty && total > 0).then(|| progress_bar(total as u64));
    // One document as HTML: the report carries its full text (read again at the end).
    let single_html = (format == CheckFormat::Html && total == 1)
        .then(|| {
            work.first()
                .map(|(p, o)| (Some(p.clone()), o.clone()))
                .or_else(|| stdin_opts.clone().map(|o| (None, o)))
        })
        .flatten();
    let mut stdin_bytes: Option<Vec<u8>> = None;
    let all_rules = rules::all();
    // Ctrl-C (SIGINT) sets the same stop flag as a closed stdout, plus `interrupted`: the batch
    // ends, the output is closed well-formed and 已中断 says how far it got. A second Ctrl-C quits.
    let interrupted_flag: batch::StopFlag = Default::default();
    {
        let (stop, flag) = (stop.clone(), interrupted_flag.clone());
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, std::sync::atomic::Ordering::SeqCst) {
                std::process::exit(130);
            }
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        });
    }
    match format {
        CheckFormat::Json => {
            let _ = stdout.write_all(json::head().as_bytes());
        }
        CheckFormat::Csv => {
            let _ = stdout.write_all(csv::header(&all_rules).as_bytes());
        }
        _ => {}
    }
    let write_baseline = args.write_baseline.is_some();
    let mut emit = |mut r: FileReport| {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        wenshu_lint::baseline::apply(&mut r, &acknowledged);
        if write_baseline {
            for_baseline.push(r.clone());
        }
        if redact {
            wenshu_lint::redact::report(&mut r);
        }
        summary.add(&r);
        for f in r
            .findings
            .iter()
            .filter(|f| wenshu_lint::baseline::counts(f))
        {
            worst = worst.max(Some(f.severity));
        }
        if !r.warnings.is_empty() {
            // READ012 is a warning: `--fail-on warning` fails on a file read only in part.
            worst = worst.max(Some(Severity::Warning));
        }
        let mut write = |stdout: &mut std::io::BufWriter<std::io::StdoutLock<'_>>| match format {
            CheckFormat::Human => stdout.write_all(human::file(&r, style).as_bytes()),
            CheckFormat::Json => {
                let sep: &[u8] = if first { b"" } else { b",\n" };
                first = false;
                stdout
                    .write_all(sep)
                    .and_then(|_| stdout.write_all(json::file_line(&r).as_bytes()))
            }
            CheckFormat::Jsonl => stdout
                .write_all(json::file_line(&r).as_bytes())
                .and_then(|_| stdout.write_all(b"\n"))
                .and_then(|_| stdout.flush()),
            CheckFormat::Csv => stdout.write_all(csv::row(&r, &all_rules).as_bytes()),
            CheckFormat::Sarif | CheckFormat::Html => Ok(()),
        };
        let written = match &bar {
            // Output to the same terminal as the bar: clear the bar while writing.
            Some(pb) if stdout_tty => {
                pb.suspend(|| write(&mut stdout).and_then(|_| stdout.flush()))
            }
            _ => write(&mut stdout),
        };
        if let Err(e) = written {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            write_error = Some(e);
            return;
        }
        if let Some(pb) = &bar {
            pb.inc(1);
        }
        if matches!(format, CheckFormat::Sarif | CheckFormat::Html) {
            kept.push(r);
        }
    };
    // Compile the regexes on side threads while the first files are read (a judge's single
    // draft is answered faster; a batch run doesn't notice).
    {
        let mut distinct: Vec<Arc<Options>> = Vec::new();
        for o in work.iter().map(|(_, o)| o).chain(stdin_opts.iter()) {
            if !distinct.iter().any(|d| Arc::ptr_eq(d, o)) {
                distinct.push(o.clone());
            }
        }
        for o in distinct.into_iter().take(4) {
            std::thread::spawn(move || wenshu_lint::warm_up(&o));
        }
    }
    if let Some(opts) = stdin_opts {
        match read_input(Path::new("-"), &opts.limits) {
            Ok(bytes) => {
                emit(lint_bytes(&bytes, "-", &opts));
                if single_html.is_some() {
                    stdin_bytes = Some(bytes);
                }
            }
            Err(e) => emit(FileReport::unreadable("-", None, e)),
        }
    }
    for r in missing {
        emit(r);
    }
    let run_cfg = batch::RunConfig {
        jobs: args.jobs.unwrap_or(0),
        // jsonl: each file as soon as it is done; the others in stable path order.
        ordered: format != CheckFormat::Jsonl,
        timeout: (args.timeout_secs > 0).then(|| Duration::from_secs(args.timeout_secs)),
        window: 0,
    };
    batch::run_until(work, &run_cfg, &stop, &mut emit);
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    let closed = closed.load(std::sync::atomic::Ordering::Relaxed)
        || write_error
            .as_ref()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    let interrupted = !closed && interrupted_flag.load(std::sync::atomic::Ordering::SeqCst);
    if closed {
        // Nobody is reading: no summary, no complaint (as ripgrep). Exit 0: the reader chose to stop.
        return ExitCode::SUCCESS;
    }
    if let Some(e) = write_error {
        return usage_error(&format!("无法写出检查结果：{e}"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    match format {
        CheckFormat::Json if interrupted => {
            let _ = stdout.write_all(json::tail_interrupted(&summary).as_bytes());
        }
        CheckFormat::Json => {
            let _ = stdout.write_all(json::tail(&summary).as_bytes());
        }
        CheckFormat::Jsonl if interrupted => {
            let _ = stdout.write_all(json::interrupted_line(&summary).as_bytes());
        }
        CheckFormat::Html => {
            let page = match (&single_html, kept.as_slice()) {
                (Some((path, opts)), [r]) if r.error.is_none() && !interrupted => {
                    let bytes = match path {
                        Some(p) => std::fs::read(p).ok(),
                        None => stdin_bytes.take(),
                    };
                    bytes
                        .and_then(|b| read::read_bytes(&b, Some(&r.path), &opts.limits).ok())
                        .map(|mut doc| {
                            if redact {
                                wenshu_lint::redact::document(&mut doc);
                            }
                            let st = structure::analyze(&doc);
                            html::report_with_text(r, &doc, &st)
                        })
                }
                _ => None,
            };
            let page = page.unwrap_or_else(|| html::report(&kept));
            let _ = stdout.write_all(page.as_bytes());
        }
        CheckFormat::Human => {
            let _ = stdout.write_all(human::summary(&summary, elapsed, style).as_bytes());
        }
        CheckFormat::Sarif => {
            let _ = stdout.write_all(sarif::log(&kept, &all_rules).as_bytes());
            let _ = stdout.write_all(b"\n");
        }
        CheckFormat::Jsonl | CheckFormat::Csv => {}
    }
    let _ = stdout.flush();
    if let Some(p) = &args.write_baseline {
        if let Err(e) = std::fs::write(p, wenshu_lint::baseline::write(&for_baseline)) {
            return usage_error(&format!("无法写出已确认清单 {}：{e}", p.display()));
        }
    }
    // Machine formats keep stdout pure: the end-of-run summary goes to a terminal's stderr.
    if stderr_tty && format != CheckFormat::Human {
        let _ = std::io::stderr().write_all(stderr_summary(&summary, elapsed).as_bytes());
    }
    if interrupted {
        let _ = writeln!(
            std::io::stderr(),
            "wenshu-lint：已中断（Ctrl-C）：已检查 {} 个文件，共 {total} 个；输出到此为止且格式完整",
            summary.files
        );
        return ExitCode::from(130);
    }
    if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if threshold.is_some_and(|t| worst.is_some_and(|w| w >= t)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// When stdout is a pipe or socket, watch it on a side thread and set `stop` and `closed` as soon
/// as its reader is gone (poll reports POLLERR/POLLHUP on the write end), so a run whose output
/// is all clean files (nothing written until the summary) still ends at once.
fn watch_stdout(stop: &batch::StopFlag, closed: &batch::StopFlag) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        use std::sync::atomic::Ordering;
        let fd = std::io::stdout().as_raw_fd();
        // SAFETY: fstat on our own stdout descriptor with a zeroed stat buffer.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } != 0 {
            return;
        }
        let kind = st.st_mode & libc::S_IFMT;
        if kind != libc::S_IFIFO && kind != libc::S_IFSOCK {
            return;
        }
        let (stop, closed) = (stop.clone(), closed.clone());
        let _ = std::thread::Builder::new()
            .name("wenshu-lint-stdout-watch".into())
            .spawn(move || loop {
                let mut p = libc::pollfd {
                    fd,
                    events: 0,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; events 0 still reports POLLERR/POLLHUP.
                let n = unsafe { libc::poll(&mut p, 1, 1000) };
                if n > 0 && p.revents & (libc::POLLERR | libc::POLLHUP | libc::POLLNVAL) != 0 {
                    closed.store(true, Ordering::Relaxed);
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
                if n < 0
                    && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
                {
                    return;
                }
            });
    }
    #[cfg(not(unix))]
    let _ = (stop, closed);
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr_with_hz(8),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} 个文件  {rate}  已用 {elapsed}  剩余约 {eta}",
    ) {
        pb.set_style(
            style
                .with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} 个/秒", s.per_sec());
                    },
                )
                .progress_chars("█▉▊▋▌▍▎▏ "),
        );
    }
    pb
}

/// The end-of-run summary for a terminal's stderr (machine formats): files, findings by code,
/// unreadable files by READ code, time.
fn stderr_summary(sum: &json::Summary, elapsed_s: f64) -> String {
    let findings: usize = sum.by_code.values().sum();
    let list = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter()
            .map(|(c, n)| format!("{c}×{n}"))
            .collect::<Vec<_>>()
            .join("，")
    };
    let rate = if elapsed_s > 0.0 {
        sum.files as f64 / elapsed_s
    } else {
        0.0
    };
    let mut s = format!(
        "wenshu-lint：检查 {} 个文件，用时 {elapsed_s:.2} 秒（{rate:.0} 个/秒）；{} 个文件共 {findings} 个问题",
        sum.files, sum.files_with_findings
    );
    if findings > 0 {
        s.push_str(&format!("（{}）", list(&sum.by_code)));
    }
    if sum.unreadable > 0 {
        s.push_str(&format!(
            "；{} 个无法读取（{}）",
            sum.unreadable,
            list(&sum.errors_by_code)
        ));
    }
    s.push('\n');
    s
}

fn serve_cmd(args: ServeArgs) -> ExitCode {
    use wenshu_lint::serve;
    let addr: std::net::SocketAddr = match args.addr.parse() {
        Ok(a) => a,
        Err(_) => {
            return usage_error(&format!(
                "监听地址无效：{}（例如 127.0.0.1:8765）",
                args.addr
            ))
        }
    };
    let token = match &args.token_file {
        None => None,
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Ok(_) => return usage_error(&format!("令牌文件为空：{}", p.display())),
            Err(e) => return usage_error(&format!("无法读取令牌文件 {}：{e}", p.display())),
        },
    };
    if !serve::is_loopback(&addr) && token.is_none() && !args.allow_remote_without_token {
        return usage_error(&format!(
            "拒绝在非本机地址 {addr} 上无令牌监听：文书含个人信息。请用 --token-file 设置访问令牌（或明知风险时加 --allow-remote-without-token）"
        ));
    }
    let mut resolver = match Resolver::new(
        args.profile,
        &args.select,
        &args.ignore,
        &args.patterns,
        args.config.as_deref(),
        args.isolated,
    ) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let jobs = serve::effective_jobs(args.jobs.unwrap_or(0));
    // the lint itself also stops at the request budget (cooperatively, read::budget)
    resolver.limits = Limits {
        time: Some(Duration::from_millis(args.timeout_ms.max(1))),
        max_input: (args.max_body_mb.max(1) << 20) as u64,
        ..Limits::default()
    }
    .for_jobs(jobs);
    let (base, cfg) = match resolver.options_for(&std::env::current_dir().unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    let fail_on = match (args.fail_on, cfg.and_then(|c| c.fail_on).as_deref()) {
        (Some(FailOn::Never), _) | (None, Some("never")) => None,
        (Some(FailOn::Warning), _) | (None, Some("warning")) => Some(Severity::Warning),
        _ => Some(Severity::Error),
    };
    let delay = std::env::var("WENSHU_LINT_SERVE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or_default();
    let config = serve::ServeConfig {
        jobs,
        queue: args.queue,
        max_body: args.max_body_mb.max(1) << 20,
        budget: Duration::from_millis(args.timeout_ms.max(1)),
        token,
        cors_origin: args.cors_origin,
        redact: args.redact,
        base,
        fail_on,
        delay,
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(jobs + 2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return usage_error(&format!("无法启动服务：{e}")),
    };
    // every regex and automaton compiled before the first request (and before "listening")
    wenshu_lint::warm_up(&config.base);
    let result = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let _ = writeln!(
            std::io::stderr(),
            "wenshu-lint serve：正在监听 http://{local}/ （{jobs} 个检查线程；Ctrl-C 停止）"
        );
        serve::serve(listener, config, serve::shutdown_signal()).await
    });
    // requests in flight have been answered; a lint still running past its budget gets 5 s
    rt.shutdown_timeout(Duration::from_secs(5));
    match result {
        Ok(()) => {
            let _ = writeln!(std::io::stderr(), "wenshu-lint serve：已停止");
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&format!("无法在 {addr} 上监听：{e}")),
    }
}
