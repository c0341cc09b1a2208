//! `precheck batch INPUT… --roster FILE --out DIR`: a whole class at once. Inputs are picture files,
//! folders and ZIP archives; each file is matched to a roster student, checked and fixed with the
//! same rules as `photo` / `document`, and the passing files are written as `照片/<ID>.jpg`,
//! `证件/<ID>.jpg` beside `检查报告.csv`.

use super::input::{self, MAX_INPUT_BYTES};
use super::{Content, EXIT_FAIL, EXIT_OK, EXIT_USAGE, find_profile};
use crate::classroom::archive;
use crate::classroom::export::{self, StudentResult};
use crate::classroom::inspect::{Redo, SlotResult, inspect, photo_after_all};
use crate::classroom::intake::{Intake, base_name};
use crate::classroom::matching::{Assignment, Candidate, assign};
use crate::classroom::roster::{self, Roster};
use crate::profile;
use crate::report::Kind;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// 照片、证件照片、文件夹或 ZIP 压缩包
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// 花名册：CSV（UTF-8 或 GBK）、XLSX 或制表符分隔的文本，含“姓名”“身份证号”两列
    #[arg(long, value_name = "FILE")]
    pub roster: PathBuf,
    /// 输出目录：照片/、证件/ 和 检查报告.csv
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, default_value = profile::DEFAULT_PROFILE_ID)]
    pub profile: String,
    /// 每位学生、每个未用上的文件输出一行 JSON
    #[arg(long)]
    pub json: bool,
    /// 照片：只检查文件规则，不做人脸、背景、衣着检查（更快）
    #[arg(long)]
    pub files_only: bool,
    /// 指定某个文件是照片还是证件照片（自动判断错了时），可重复，如 --kind 微信图片_1.jpg=证件
    #[arg(long = "kind", value_name = "文件=照片|证件")]
    pub kinds: Vec<String>,
}

/// `文件=照片|证件` (or `=photo|document`): the file's name as listed (its path inside a folder or
/// archive, or its own name) and the kind.
fn parse_kind(arg: &str) -> Result<(&str, Kind), String> {
    let (file, kind) =
        arg.rsplit_once('=').ok_or_else(|| format!("--kind {arg}：应写成“文件名=照片”或“文件名=证件”"))?;
    let kind = match kind.trim() {
        "照片" | "photo" => Kind::Photo,
        "证件" | "document" => Kind::Document,
        other => return Err(format!("--kind {arg}：类型“{other}”应为“照片”或“证件”")),
    };
    Ok((file.trim(), kind))
}

/// The teacher's kinds, applied to the matching as the page's "照片 / 证件" selects apply them; the
/// files so placed, whose kind what they show no longer changes.
fn apply_kinds(args: &[String], candidates: &[Candidate], assignment: &mut Assignment) -> Result<Vec<usize>, String> {
    let mut chosen = Vec::new();
    for arg in args {
        let (name, kind) = parse_kind(arg)?;
        let file = candidates
            .iter()
            .position(|c| c.name == name || base_name(&c.name) == name)
            .ok_or_else(|| format!("--kind：输入里没有文件“{name}”"))?;
        if !assignment.set_kind(file, kind) {
            return Err(format!("--kind：文件“{name}”没有对应到学生，请先按姓名或身份证号给它改名"));
        }
        chosen.push(file);
    }
    Ok(chosen)
}

/// Every file under the inputs (folders walked in name order), each named by its path below the
/// input so that folder names (`张三/IMG_1.jpg`) can name students. Loose files stay on disk.
fn gather(paths: &[PathBuf]) -> Result<Intake<PathBuf>, String> {
    let mut intake = Intake::default();
    let mut add = |path: &Path, shown: String| -> Result<(), String> {
        intake
            .add(shown, read_bounded(path)?, |_| path.to_owned())
            .map_err(|e| format!("{}：{}", path.display(), e.message()))
    };
    for path in paths {
        if path.is_dir() {
            for file in walk(path)? {
                add(&file, file.strip_prefix(path).unwrap_or(&file).to_string_lossy().replace('\\', "/"))?;
            }
        } else {
            add(path, input::display_name(path).0)?;
        }
    }
    Ok(intake)
}

/// An input's bytes within the limits: a picture (or roster) up to [`MAX_INPUT_BYTES`], a ZIP
/// archive up to what one archive may unpack to (a class's phone pictures barely compress). The
/// kind is told by the first bytes, before the rest is read.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let mut head = [0u8; 4];
    let peeked = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head));
    let limit = match peeked {
        Ok(n) if archive::is_zip(&head[..n]) => archive::LIMITS.max_total_bytes,
        _ => MAX_INPUT_BYTES,
    };
    input::read_bounded(path, limit).map_err(|e| format!("无法读取 {}：{}", path.display(), e.message()))
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("无法读取文件夹 {}：{e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut files = Vec::new();
    for path in entries {
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else if !input::display_name(&path).0.starts_with('.') {
            files.push(path);
        }
    }
    Ok(files)
}

pub fn run(args: &BatchArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(profile) = find_profile(&args.profile, err) else { return EXIT_USAGE };
    let roster = match input::read_bounded(&args.roster, MAX_INPUT_BYTES)
        .map_err(|e| e.message())
        .and_then(|b| roster::parse(&b).map_err(|e| e.message()))
    {
        Ok(r) => r,
        Err(why) => {
            let _ = writeln!(err, "precheck: 花名册 {}：{why}", args.roster.display());
            return EXIT_USAGE;
        }
    };
    let inputs = match gather(&args.inputs) {
        Ok(i) => i,
        Err(why) => {
            let _ = writeln!(err, "precheck: {why}");
            return EXIT_USAGE;
        }
    };
    let Some(content) = Content::new(!args.files_only, err) else { return EXIT_USAGE };
    let inspector = content.pages(profile);
    let candidates = inputs.candidates();
    let mut assignment = assign(&roster, &candidates);
    let chosen = match apply_kinds(&args.kinds, &candidates, &mut assignment) {
        Ok(chosen) => chosen,
        Err(why) => {
            let _ = writeln!(err, "precheck: {why}");
            return EXIT_USAGE;
        }
    };

    let mut results = Vec::new();
    for (i, student) in roster.students.iter().enumerate() {
        let id = student.checked_id();
        let check = |kind: Kind, file: Option<usize>| -> (SlotResult, Vec<u8>) {
            let Some(file) = file else { return (SlotResult::missing(kind), Vec::new()) };
            let name = &candidates[file].name;
            match inputs.read(file, |path| read_bounded(path)) {
                Ok(bytes) => (inspect(&inspector, kind, &bytes, base_name(name), id), bytes),
                Err(why) => {
                    let mut r = SlotResult::missing(kind);
                    r.file = Some(name.clone());
                    r.redo = Some(Redo::Unfixable(why));
                    (r, Vec::new())
                }
            }
        };
        let (mut photo, _) = check(Kind::Photo, assignment.file(i, Kind::Photo));
        let (mut document, bytes) = check(Kind::Document, assignment.file(i, Kind::Document));
        let photo_free = assignment.file(i, Kind::Photo).is_none()
            && assignment.file(i, Kind::Document).is_none_or(|f| !chosen.contains(&f));
        if let Some(file) = assignment
            .file(i, Kind::Document)
            .filter(|_| photo_after_all(&inspector, document.report.as_ref(), &bytes, photo_free))
        {
            assignment.choose(file, i, Kind::Photo);
            (photo, _) = check(Kind::Photo, Some(file));
            document = SlotResult::missing(Kind::Document);
        }
        let result = StudentResult { photo, document };
        print_student(out, args.json, student, &result);
        results.push(result);
    }
    for (file, why) in &assignment.unmatched {
        let name = &candidates[*file].name;
        let reason = why.message(&roster, &candidates);
        if args.json {
            let _ = writeln!(out, "{}", serde_json::json!({"kind": "unmatched", "file": name, "reason": reason}));
        } else {
            let _ = writeln!(out, "? 未使用：{name}：{reason}");
        }
    }
    if let Err(why) = write_export(&args.out, &roster, &results) {
        let _ = writeln!(err, "precheck: {why}");
        return EXIT_USAGE;
    }
    let complete = roster.students.iter().zip(&results).filter(|(s, r)| r.complete(s)).count();
    if !args.json {
        let _ = writeln!(
            out,
            "共 {} 位学生，{complete} 位照片和证件照片都合格；结果在 {}",
            roster.students.len(),
            args.out.display()
        );
    }
    if complete == roster.students.len() { EXIT_OK } else { EXIT_FAIL }
}

fn print_student(out: &mut dyn Write, json: bool, student: &roster::Student, result: &StudentResult) {
    let problems = result.problems(student);
    if json {
        let slot = |s: &SlotResult| {
            serde_json::json!({
                "file": s.file, "status": s.as_given.as_str(), "result": s.label(),
                "verdict": s.report.as_ref().map(|r| r.verdict.as_str()),
            })
        };
        let line = serde_json::json!({
            "kind": "student", "row": student.row, "name": student.name, "id": student.id,
            "photo": slot(&result.photo), "document": slot(&result.document),
            "complete": result.complete(student), "problems": problems,
        });
        let _ = writeln!(out, "{line}");
    } else {
        let mark = if result.complete(student) { "✔" } else { "✘" };
        let _ = writeln!(
            out,
            "{mark} {} {}  照片：{}  证件：{}",
            student.name,
            student.id,
            result.photo.label(),
            result.document.label()
        );
        if !problems.is_empty() {
            let _ = writeln!(out, "    {problems}");
        }
    }
}

fn write_export(dir: &Path, roster: &Roster, results: &[StudentResult]) -> Result<(), String> {
    let write = |path: PathBuf, bytes: &[u8]| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("无法创建 {}：{e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))
    };
    for (name, bytes) in export::layout(roster, results) {
        write(dir.join(name), bytes)?;
    }
    write(dir.join(export::REPORT_NAME), &export::report_csv(roster, results))
}
