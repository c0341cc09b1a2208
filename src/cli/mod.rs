//! `precheck`, the command-line checker for school staff: the same checks and fix as the site,
//! over many files, before a bulk import. Native only.

mod batch;
mod input;
mod output;
mod parallel;

pub use input::MAX_INPUT_BYTES;

use crate::face::model::FaceModels;
use crate::photo::content::pipeline::{check_photo, embedded_models, fix_photo};
use crate::profile::{self, Profile};
use crate::report::{CheckId, Report, Status, Verdict};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::{BTreeSet, HashSet};
use std::ffi::OsString;
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
    Document(DocumentArgs),
    /// 生成合格文件
    Fix(FixArgs),
    /// 列出内置的规则
    Profiles,
    /// 整班检查：按花名册匹配文件，检查、修复并按身份证号命名，写出检查报告
    Batch(batch::BatchArgs),
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
    /// 只检查文件规则：照片不做人脸、背景、衣着检查，证件不找证件、不查摆放和清晰度（更快）
    #[arg(long)]
    pub files_only: bool,
    /// 照片：已人工核对的项目（可多次给出），如 --confirm attire.jewellery
    #[arg(long, value_name = "CHECK")]
    pub confirm: Vec<CheckId>,
    /// 同时检查的文件数（默认为处理器核数，最多 4）
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

#[derive(clap::Args, Debug)]
pub struct DocumentArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// 考生的身份证号（如报名表上所填）：与文件名、证件上读出的号码核对，不一致时指出是哪一个
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

/// The typed ID, upper-cased and checked for its form (`--id` of `document` and `fix document`).
fn typed_id(id: Option<&str>, err: &mut dyn Write) -> Result<Option<String>, i32> {
    let Some(id) = id.map(|i| i.trim().to_uppercase()) else { return Ok(None) };
    match crate::identity::id_number::check_format(&id) {
        Ok(()) => Ok(Some(id)),
        Err(e) => {
            let _ = writeln!(err, "precheck: --id {id}：{}", e.message());
            Err(EXIT_USAGE)
        }
    }
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
    /// 照片按画面中心裁剪、不按人脸位置；证件保留整个画面、不按证件位置摆正
    #[arg(long)]
    pub files_only: bool,
    /// 证件：考生的身份证号，证件上读不出号码时用它命名，并与读出的号码核对
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FixKind {
    Photo,
    Document,
}

/// Parses `args` (including the program name; `std::env::args_os()`, so a file name that is not
/// UTF-8 arrives intact) and runs; returns the exit code.
pub fn run<T: Into<OsString> + Clone>(
    args: impl IntoIterator<Item = T>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            let _ = writeln!(
                err,
                "precheck: 参数中有不是 UTF-8 编码的文字（文件名以外的参数，如 --profile、--confirm，须为 UTF-8）"
            );
            return EXIT_USAGE;
        }
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let target: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = write!(target, "{e}");
            return code;
        }
    };
    if let Err(e) = profile::loaded() {
        let _ = writeln!(err, "precheck: 内置规则无法加载：{e}");
        return EXIT_USAGE;
    }
    match cli.command {
        Command::Photo(a) => {
            let Some(content) = Content::new(!a.files_only, err) else { return EXIT_USAGE };
            let confirmed = a.confirm.iter().cloned().collect();
            check_files(&a, out, err, |bytes, name, p| content.check_photo(bytes, name, p, &confirmed))
        }
        Command::Document(a) => {
            let id = match typed_id(a.id.as_deref(), err) {
                Ok(id) => id,
                Err(code) => return code,
            };
            let id = id.as_deref();
            if a.check.files_only {
                check_files(&a.check, out, err, |bytes, name, p| crate::document::check_file(bytes, name, id, p))
            } else {
                check_files(&a.check, out, err, |bytes, name, p| crate::document::check(bytes, name, id, p))
            }
        }
        Command::Fix(a) => fix_files(&a, out, err),
        Command::Batch(a) => batch::run(&a, out, err),
        Command::Profiles => {
            for p in profile::all() {
                let _ = writeln!(out, "{}\t{}", p.id, p.name);
            }
            EXIT_OK
        }
    }
}

/// The face models for the photo's content checks, loaded once per run (they are embedded in the
/// binary), or `None` for file rules only.
struct Content(Option<FaceModels>);

impl Content {
    fn new(wanted: bool, err: &mut dyn Write) -> Option<Content> {
        if !wanted {
            return Some(Content(None));
        }
        match embedded_models() {
            Ok(m) => Some(Content(Some(m))),
            Err(e) => {
                let _ = writeln!(err, "precheck: 人脸模型无法加载：{e}");
                None
            }
        }
    }

    /// File rules, then (for a readable picture) the content checks, in one report.
    fn check_photo(&self, bytes: &[u8], name: &str, profile: &Profile, confirmed: &BTreeSet<CheckId>) -> Report {
        check_photo(bytes, name, profile, self.0.as_ref(), confirmed)
    }

    fn fix_photo(
        &self,
        bytes: &[u8],
        name: &str,
        profile: &Profile,
    ) -> Result<crate::fix::Fixed, crate::fix::FixError> {
        fix_photo(bytes, name, profile, self.0.as_ref())
    }

    /// The single pages' checks and fix for the class (`precheck batch`).
    fn pages<'a>(&'a self, profile: &'a Profile) -> crate::classroom::inspect::SinglePages<'a> {
        crate::classroom::inspect::SinglePages { models: self.0.as_ref(), profile }
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

/// The file's bytes and the name to judge it by, or `None` after saying on stderr why it was not
/// read. A name that is not UTF-8 is noted on stderr and judged as displayed.
fn read_input(path: &Path, err: &mut dyn Write) -> Option<(Vec<u8>, String)> {
    let bytes = input::read_bounded(path, MAX_INPUT_BYTES)
        .map_err(|e| writeln!(err, "precheck: 无法读取 {}：{}", path.display(), e.message()))
        .ok()?;
    let (name, replaced) = input::display_name(path);
    if replaced {
        let _ = writeln!(err, "precheck: {}", input::not_utf8_note(path));
    }
    Some((bytes, name))
}

fn check_files(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    check: impl Fn(&[u8], &str, &Profile) -> Report + Sync,
) -> i32 {
    let Some(profile) = find_profile(&args.profile, err) else { return EXIT_USAGE };
    let mut code = EXIT_OK;
    // Each file is read and checked on a worker thread, its notes for stderr kept with its report,
    // and both written here in the files' order.
    let work = |path: &PathBuf| {
        let mut notes = Vec::new();
        let report = read_input(path, &mut notes).map(|(bytes, name)| check(&bytes, &name, profile));
        (notes, report)
    };
    parallel::for_each_ordered(&args.files, parallel::threads(args.jobs), work, |path, (notes, report)| {
        let _ = err.write_all(&notes);
        let Some(report) = report else {
            code = EXIT_USAGE;
            return;
        };
        if args.json {
            let _ = writeln!(out, "{}", output::json_line(&report, path));
        } else {
            output::human(out, &report, path);
        }
        if report.verdict == Verdict::Fail && code == EXIT_OK {
            code = EXIT_FAIL;
        }
    });
    code
}

fn fix_files(args: &FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(profile) = find_profile(&args.profile, err) else { return EXIT_USAGE };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        let _ = writeln!(err, "precheck: 无法创建输出目录 {}：{e}", args.out.display());
        return EXIT_USAGE;
    }
    let id = match (args.kind, typed_id(args.id.as_deref(), err)) {
        (_, Err(code)) => return code,
        (FixKind::Photo, Ok(Some(_))) => {
            let _ = writeln!(err, "precheck: --id 只用于证件照片（fix document）");
            return EXIT_USAGE;
        }
        (_, Ok(id)) => id,
    };
    let id = id.as_deref();
    let wants_content = matches!(args.kind, FixKind::Photo) && !args.files_only;
    let Some(content) = Content::new(wants_content, err) else { return EXIT_USAGE };
    let mut code = EXIT_OK;
    // Names written by this run: two inputs that fix to the same name (IMG_1.jpg and IMG_1.png,
    // or two long names cut to the same 255 bytes) must not overwrite each other.
    let mut written: HashSet<String> = HashSet::new();
    for path in &args.files {
        let Some((bytes, name)) = read_input(path, err) else {
            code = EXIT_USAGE;
            continue;
        };
        let result = match args.kind {
            FixKind::Photo => content.fix_photo(&bytes, &name, profile),
            FixKind::Document if args.files_only => {
                crate::document::fix_with_card(&bytes, &name, id, profile, None, None, None)
            }
            FixKind::Document => crate::document::fix(&bytes, &name, id, profile),
        };
        match result {
            Ok(mut fixed) => {
                let file_name = crate::fix::name::unique(&fixed.file_name, |n| written.contains(n));
                if file_name != fixed.file_name {
                    fixed.notes.push(format!(
                        "本次已有一个输出文件名为 “{}”，这个文件改存为 “{file_name}”，以免覆盖；请核对这两个文件",
                        fixed.file_name
                    ));
                }
                written.insert(file_name.clone());
                let target = args.out.join(&file_name);
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
