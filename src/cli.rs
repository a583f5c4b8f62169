//! Command-line front end: argument parsing, IO, exit codes. All logic lives in the library:
//! flags and config files are merged by [`Settings::resolve`], inputs are read by
//! [`wenshu_lint::input`], and every output format is a [`Sink`].

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use wenshu_lint::config::{FailOn, Flags, ProfileName, Resolver, Settings};
use wenshu_lint::input;
use wenshu_lint::read::{self, Limits, ReadCode};
use wenshu_lint::report::{self, dump, html, human, json, OutputFormat, Sink};
use wenshu_lint::{batch, lint_bytes, rules, structure, FileReport, Options, Severity};

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

/// Which rules run: shared by check, annotate and serve.
#[derive(clap::Args)]
struct RuleArgs {
    /// draft：签发前的原本（默认）；public：上网公开的文本
    #[arg(long, value_enum, hide_possible_values = true)]
    profile: Option<ProfileName>,
    /// 只启用这些规则代码或前缀（逗号分隔：EX,ID00）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// 停用这些规则代码或前缀（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
}

/// Vocabulary and configuration files: shared by check, annotate and serve.
#[derive(clap::Args)]
struct ConfigArgs {
    /// 追加的词表目录，覆盖或扩充内置词表（可重复）
    #[arg(long = "patterns", value_name = "DIR")]
    patterns: Vec<PathBuf>,
    /// 使用此配置文件，而不是向上查找 wenshu-lint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 忽略所有配置文件
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

impl ConfigArgs {
    /// The config lookup for these flags; a usage error (already printed) as `Err`.
    fn resolver(
        &self,
        rules: &RuleArgs,
        fail_on: Option<FailOn>,
        limits: Limits,
    ) -> Result<Resolver, ExitCode> {
        let flags = Flags {
            profile: rules.profile,
            select: Flags::codes(&rules.select).map_err(|e| usage_error(&e))?,
            ignore: Flags::codes(&rules.ignore).map_err(|e| usage_error(&e))?,
            fail_on,
            patterns: self.patterns.clone(),
            limits,
        };
        Resolver::new(flags, self.config.as_deref(), self.isolated)
            .map_err(|e| usage_error(&e.to_string()))
    }
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
    #[command(flatten)]
    rules: RuleArgs,
    /// 结论为“须修改”的严重程度：error（默认）、warning、never
    #[arg(long, value_enum, hide_possible_values = true)]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    config: ConfigArgs,
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
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
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
    format: Option<OutputFormat>,
    #[command(flatten)]
    rules: RuleArgs,
    /// 有达到此严重程度的问题时退出码为 1：error（默认）、warning、never
    #[arg(long, value_enum, hide_possible_values = true)]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    config: ConfigArgs,
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

impl CheckArgs {
    /// The per-file limits of `check`: the time budget, the size caps, shared among the jobs.
    fn limits(&self) -> Limits {
        Limits {
            time: self.timeout(),
            max_input: self.max_file_mb.max(1) << 20,
            max_decoded: self.max_decoded_mb.max(1) << 20,
            ..Limits::default()
        }
        .for_jobs(
            self.jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        )
    }

    fn timeout(&self) -> Option<Duration> {
        (self.timeout_secs > 0).then(|| Duration::from_secs(self.timeout_secs))
    }

    /// How the batch runner runs: jsonl hands each file on as soon as it is done; the others in
    /// stable path order.
    fn run_config(&self, ordered: bool) -> batch::RunConfig {
        batch::RunConfig {
            jobs: self.jobs.unwrap_or(0),
            ordered,
            timeout: self.timeout(),
            window: 0,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DumpFormat {
    Text,
    Json,
}

/// The exit status of a run from its reports: 2 when an input could not be read, 1 when a
/// counted finding (not acknowledged by the baseline) or a partly read file (READ012, a
/// warning) reaches `--fail-on`, else 0.
#[derive(Default)]
struct Gate {
    worst: Option<Severity>,
    unreadable: bool,
}

impl Gate {
    fn add(&mut self, r: &FileReport) {
        self.unreadable |= r.error.is_some();
        for f in r
            .findings
            .iter()
            .filter(|f| wenshu_lint::baseline::counts(f))
        {
            self.worst = self.worst.max(Some(f.severity));
        }
        if !r.warnings.is_empty() {
            self.worst = self.worst.max(Some(Severity::Warning));
        }
    }

    fn exit(&self, fail_on: FailOn) -> ExitCode {
        if self.unreadable {
            ExitCode::from(2)
        } else if fail_on
            .threshold()
            .is_some_and(|t| self.worst.is_some_and(|w| w >= t))
        {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
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

fn usage_error(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "wenshu-lint: {msg}");
    ExitCode::from(2)
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
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
    let result = input::read_within(file, &limits)
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

fn annotate_cmd(args: AnnotateArgs) -> ExitCode {
    use wenshu_lint::annotate;
    let mut resolver = match args.config.resolver(&args.rules, None, cli_limits()) {
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
    let bytes = match input::read_within(input, &cli_limits()) {
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
    let opts = match resolver.settings_for(input) {
        Ok(s) => s.options,
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

/// `check --stdin-jsonl`: the streaming protocol (see `wenshu_lint::stream`), through the jsonl
/// sink.
fn stream_cmd(args: &CheckArgs, resolver: &mut Resolver) -> ExitCode {
    let settings = match resolver.settings_for(&cwd()) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let stop: batch::StopFlag = Default::default();
    let closed: batch::StopFlag = Default::default();
    watch_stdout(&stop, &closed);
    let mut gate = Gate::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let stdin = std::io::stdin().lock();
    let result = wenshu_lint::stream::run(
        stdin,
        &mut out,
        &mut json::Jsonl,
        settings.options,
        &args.run_config(true),
        Some(stop),
        |r| gate.add(r),
    );
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wenshu-lint: 读取标准输入或写出结果失败：{e}");
            ExitCode::from(2)
        }
        Ok(_) => gate.exit(settings.fail_on.unwrap_or_default()),
    }
}

/// The sink of `check --format`. The one-document HTML page carries the document's text: it is
/// read again at the end (a file from disk, stdin from the bytes kept).
fn check_sink(
    format: OutputFormat,
    style: human::Style,
    single: Option<(Source, Arc<Options>)>,
    redact: bool,
) -> Box<dyn Sink> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(style)),
        OutputFormat::Html => match single {
            Some((source, opts)) => Box::new(html::Html::with_text(Box::new(move |r| {
                let bytes = match source {
                    Source::File(p) => input::read_within(&p, &opts.limits).ok()?,
                    Source::Stdin(b) => b.as_ref().as_ref().ok()?.clone(),
                };
                let mut doc = read::read_bytes(&bytes, Some(&r.path), &opts.limits).ok()?;
                if redact {
                    wenshu_lint::redact::document(&mut doc);
                }
                let st = structure::analyze(&doc);
                Some(html::report_with_text(r, &doc, &st))
            }))),
            None => Box::new(html::Html::default()),
        },
        other => report::sink(other),
    }
}

/// Where the one document of a run came from.
enum Source {
    File(PathBuf),
    Stdin(Arc<Result<Vec<u8>, wenshu_lint::ReadError>>),
}

fn check(args: CheckArgs) -> ExitCode {
    let mut resolver = match args
        .config
        .resolver(&args.rules, args.fail_on, args.limits())
    {
        Ok(r) => r,
        Err(code) => return code,
    };
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

    // Inputs and their settings (the nearest config of each).
    let (stdin_args, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| input::is_stdin(p));
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
    let mut fail_on: Option<FailOn> = None;
    let mut settings_for = |p: &Path| -> Result<Arc<Options>, String> {
        let Settings {
            options,
            fail_on: f,
        } = resolver.settings_for(p)?;
        fail_on = fail_on.or(f);
        Ok(options)
    };
    for f in files {
        match settings_for(&f) {
            Ok(o) => work.push((f, o)),
            Err(e) => return usage_error(&e),
        }
    }
    let stdin_opts = if stdin_args.is_empty() {
        None
    } else {
        match settings_for(&cwd()) {
            Ok(o) => Some(o),
            Err(e) => return usage_error(&e),
        }
    };
    let fail_on = fail_on.unwrap_or_default();

    let format = args.format.unwrap_or(OutputFormat::Human);
    let stdout_tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let stderr_tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let style = human::Style {
        color: stdout_tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let started = std::time::Instant::now();
    let mut summary = json::Summary::default();
    let mut gate = Gate::default();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // A reader that goes away (`| head -1`, `| less` then q) ends the run at once, quietly:
    // noticed when a write fails, or sooner by watching the pipe while nothing is written.
    let stop: batch::StopFlag = Default::default();
    let closed: batch::StopFlag = Default::default();
    watch_stdout(&stop, &closed);
    let mut write_error: Option<std::io::Error> = None;
    // Progress on stderr only when it is a terminal; nothing extra otherwise.
    let total = work.len() + missing.len() + usize::from(stdin_opts.is_some());
    let bar = (stderr_tty && total > 0).then(|| progress_bar(total as u64));
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
    // stdin is read before the files, by the same reading function within the time budget, and
    // linted by the batch runner like a file (panics contained, the watchdog's budget).
    let stdin_bytes = stdin_opts
        .as_ref()
        .map(|o| Arc::new(input::read_within(Path::new(input::STDIN), &o.limits)));
    let single = (total == 1)
        .then(|| match (&stdin_bytes, work.first()) {
            (Some(b), _) => stdin_opts.clone().map(|o| (Source::Stdin(b.clone()), o)),
            (None, Some((p, o))) => Some((Source::File(p.clone()), o.clone())),
            _ => None,
        })
        .flatten();
    let mut sink = check_sink(format, style, single, redact);
    let _ = sink.begin(&mut stdout);
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
        gate.add(&r);
        let written = match &bar {
            // Output to the same terminal as the bar: clear the bar while writing.
            Some(pb) if stdout_tty => {
                pb.suspend(|| sink.file(&mut stdout, &r).and_then(|_| stdout.flush()))
            }
            _ => sink.file(&mut stdout, &r),
        };
        if let Err(e) = written {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            write_error = Some(e);
            return;
        }
        if let Some(pb) = &bar {
            pb.inc(1);
        }
    };
    let run_cfg = args.run_config(format != OutputFormat::Jsonl);
    if let (Some(opts), Some(bytes)) = (stdin_opts, stdin_bytes) {
        let lint: Arc<batch::LintFn> = Arc::new(move |_: &Path, o: &Options| match &*bytes {
            Ok(b) => lint_bytes(b, input::STDIN, o),
            Err(e) => FileReport::unreadable(input::STDIN, None, e.clone()),
        });
        let stdin = vec![(PathBuf::from(input::STDIN), opts)];
        batch::run_with_stop(stdin, &run_cfg, lint, Some(stop.clone()), &mut emit);
    }
    for r in missing {
        emit(r);
    }
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
    let end = report::End {
        summary: &summary,
        elapsed_s: elapsed,
        interrupted,
    };
    let _ = sink.finish(&mut stdout, &end);
    let _ = stdout.flush();
    if let Some(p) = &args.write_baseline {
        if let Err(e) = std::fs::write(p, wenshu_lint::baseline::write(&for_baseline)) {
            return usage_error(&format!("无法写出已确认清单 {}：{e}", p.display()));
        }
    }
    // Machine formats keep stdout pure: the end-of-run summary goes to a terminal's stderr.
    if stderr_tty && format != OutputFormat::Human {
        let _ = std::io::stderr().write_all(human::stderr_summary(&summary, elapsed).as_bytes());
    }
    if interrupted {
        let _ = writeln!(
            std::io::stderr(),
            "wenshu-lint：已中断（Ctrl-C）：已检查 {} 个文件，共 {total} 个；输出到此为止且格式完整",
            summary.files
        );
        return ExitCode::from(130);
    }
    gate.exit(fail_on)
}

/// When stdout is a pipe or socket, watch it on a side thread and set `stop` and `closed` as soon
/// as its reader is gone (poll reports POLLERR/POLLHUP on the write end), so a run whose output
/// is all clean files (nothing written until the summary) still ends at once.
fn watch_stdout(stop: &batch::StopFlag, closed: &batch::StopFlag) {
    #[cfg(unix)]
    {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        use std::sync::atomic::Ordering;
        // What stdout is: a duplicate of the descriptor, asked for its metadata.
        let Ok(dup) = std::io::stdout().as_fd().try_clone_to_owned() else {
            return;
        };
        let Ok(meta) = std::fs::File::from(dup).metadata() else {
            return;
        };
        if !(meta.file_type().is_fifo() || meta.file_type().is_socket()) {
            return;
        }
        let (stop, closed) = (stop.clone(), closed.clone());
        let _ = std::thread::Builder::new()
            .name("wenshu-lint-stdout-watch".into())
            .spawn(move || {
                let out = std::io::stdout();
                loop {
                    // no events asked: poll still reports POLLERR/POLLHUP on the write end
                    let mut fds = [PollFd::new(out.as_fd(), PollFlags::empty())];
                    match poll(&mut fds, PollTimeout::from(1000u16)) {
                        Ok(n) if n > 0 => {
                            let gone =
                                PollFlags::POLLERR | PollFlags::POLLHUP | PollFlags::POLLNVAL;
                            if fds[0].revents().is_some_and(|r| r.intersects(gone)) {
                                closed.store(true, Ordering::Relaxed);
                                stop.store(true, Ordering::Relaxed);
                                return;
                            }
                        }
                        Ok(_) | Err(nix::errno::Errno::EINTR) => {}
                        Err(_) => return,
                    }
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
    let jobs = serve::effective_jobs(args.jobs.unwrap_or(0));
    // the lint itself also stops at the request budget (cooperatively, read::budget)
    let limits = Limits {
        time: Some(Duration::from_millis(args.timeout_ms.max(1))),
        max_input: (args.max_body_mb.max(1) << 20) as u64,
        ..Limits::default()
    }
    .for_jobs(jobs);
    let mut resolver = match args.config.resolver(&args.rules, args.fail_on, limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (base, fail_on) = match resolver.settings_for(&cwd()) {
        Ok(s) => (s.options, s.fail_on.unwrap_or_default().threshold()),
        Err(e) => return usage_error(&e),
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
