//! `precheck`, the command-line checker for school staff: the same checks and fix as the site,
//! over many files, before a bulk import. Native only.

mod output;

use crate::profile::{self, Profile};
use crate::report::{Report, Status, Verdict};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit codes: everything passed (warnings allowed) / something failed / usage or I/O problem.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FAIL: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(name = "precheck", version, about = "中招报名照片、证件照片自查（与网页版规则相同）")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查考生照片
    Photo(CheckArgs),
    /// 检查证件照片（文件名应为身份证号.jpg）
    Document(CheckArgs),
    /// 生成合格文件
    Fix(FixArgs),
    /// 列出内置的规则
    Profiles,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 规则（默认 henan-2024）
    #[arg(long, default_value = profile::DEFAULT_PROFILE_ID)]
    pub profile: String,
    /// 每个文件输出一行 JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct FixArgs {
    pub kind: FixKind,
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 输出目录
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, default_value = profile::DEFAULT_PROFILE_ID)]
    pub profile: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FixKind {
    Photo,
    Document,
}

/// Parses `args` (including the program name) and runs; returns the exit code.
pub fn run(args: impl IntoIterator<Item = String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let target: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = write!(target, "{e}");
            return code;
        }
    };
    match cli.command {
        Command::Photo(a) => check_files(&a, out, err, crate::photo::check),
        Command::Document(a) => {
            check_files(&a, out, err, |bytes, name, p| crate::document::check(bytes, name, None, p))
        }
        Command::Fix(a) => fix_files(&a, out, err),
        Command::Profiles => {
            for p in profile::all() {
                let _ = writeln!(out, "{}\t{}", p.id, p.name);
            }
            EXIT_OK
        }
    }
}

fn find_profile(id: &str, err: &mut dyn Write) -> Option<&'static Profile> {
    let found = profile::by_id(id);
    if found.is_none() {
        let known: Vec<&str> = profile::all().iter().map(|p| p.id.as_str()).collect();
        let _ = writeln!(err, "precheck: 没有名为 “{id}” 的规则；可用：{}", known.join(", "));
    }
    found
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The file's bytes, or `None` after saying on stderr why it could not be read.
fn read_input(path: &Path, err: &mut dyn Write) -> Option<Vec<u8>> {
    std::fs::read(path).map_err(|e| writeln!(err, "precheck: 无法读取 {}：{e}", path.display())).ok()
}

fn check_files(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    check: impl Fn(&[u8], &str, &Profile) -> Report,
) -> i32 {
    let Some(profile) = find_profile(&args.profile, err) else { return EXIT_USAGE };
    let mut code = EXIT_OK;
    for path in &args.files {
        let Some(bytes) = read_input(path, err) else {
            code = EXIT_USAGE;
            continue;
        };
        let report = check(&bytes, &file_name(path), profile);
        if args.json {
            let _ = writeln!(out, "{}", output::json_line(&report, path));
        } else {
            output::human(out, &report, path);
        }
        if report.verdict == Verdict::Fail && code == EXIT_OK {
            code = EXIT_FAIL;
        }
    }
    code
}

fn fix_files(args: &FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(profile) = find_profile(&args.profile, err) else { return EXIT_USAGE };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        let _ = writeln!(err, "precheck: 无法创建输出目录 {}：{e}", args.out.display());
        return EXIT_USAGE;
    }
    let mut code = EXIT_OK;
    for path in &args.files {
        let Some(bytes) = read_input(path, err) else {
            code = EXIT_USAGE;
            continue;
        };
        let name = file_name(path);
        let result = match args.kind {
            FixKind::Photo => crate::photo::fix(&bytes, &name, profile),
            FixKind::Document => crate::document::fix(&bytes, &name, None, profile),
        };
        match result {
            Ok(fixed) => {
                let target = args.out.join(&fixed.file_name);
                if let Err(e) = std::fs::write(&target, &fixed.bytes) {
                    let _ = writeln!(err, "precheck: 无法写入 {}：{e}", target.display());
                    code = EXIT_USAGE;
                    continue;
                }
                let ok = fixed.checks.iter().all(|c| c.status == Status::Pass);
                if args.json {
                    let line = serde_json::json!({
                        "file": path.display().to_string(), "fixed": true, "output": target.display().to_string(),
                        "bytes": fixed.bytes.len(), "quality": fixed.quality, "notes": fixed.notes, "all_pass": ok,
                    });
                    let _ = writeln!(out, "{line}");
                } else {
                    let _ = writeln!(
                        out,
                        "✔ {} → {}（{} 字节，画质 {}）",
                        path.display(),
                        target.display(),
                        fixed.bytes.len(),
                        fixed.quality
                    );
                    for n in &fixed.notes {
                        let _ = writeln!(out, "    {n}");
                    }
                }
                if !ok && code == EXIT_OK {
                    code = EXIT_FAIL;
                }
            }
            Err(e) => {
                if args.json {
                    let line =
                        serde_json::json!({"file": path.display().to_string(), "fixed": false, "error": e.message()});
                    let _ = writeln!(out, "{line}");
                } else {
                    let _ = writeln!(out, "✘ {}：无法修复：{}", path.display(), e.message());
                }
                if code == EXIT_OK {
                    code = EXIT_FAIL;
                }
            }
        }
    }
    code
}
