//! Which student each file belongs to, and whether it is the photo or the ID image. Parents name
//! files anything (`mmexport1712345678901.jpg`, `微信图片_….jpg`); teachers rename the ones they
//! can, usually to the student's name (`张三.png`, `张三身份证.jpg`) or the ID number, or put a
//! student's files in a folder named after the student.

use super::roster::{self, Roster};
use crate::report::Kind;

/// What a matcher knows of a file: its path (inside a folder or archive), when its header could be
/// read its upright pixel size, and what its content showed ([`super::content`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub upright: Option<(u32, u32)>,
    pub content: Option<Kind>,
}

/// Why a file was given no student, or not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// Neither a roster ID nor a roster name is in the file's name.
    NoStudent,
    /// The name holds an ID number that is not on the roster.
    UnknownId(String),
    /// The name holds several students' names, a name two students share, or an ID number on
    /// several roster lines.
    Ambiguous(Vec<usize>),
    /// The student already has a file of this kind (the first one is used).
    Extra { student: usize, kind: Kind, used: usize },
}

impl Unmatched {
    pub fn message(&self, roster: &Roster, files: &[Candidate]) -> String {
        let name = |i: &usize| roster.students.get(*i).map_or("", |s| s.name.as_str());
        match self {
            Unmatched::NoStudent => {
                "文件名里没有花名册中的姓名或身份证号：请改名为“姓名.jpg”或“姓名身份证.jpg”。".into()
            }
            Unmatched::UnknownId(id) => format!("文件名里的身份证号 {id} 不在花名册中。"),
            Unmatched::Ambiguous(students) => {
                let lines: Vec<&roster::Student> = students.iter().filter_map(|&i| roster.students.get(i)).collect();
                if lines.len() > 1 && lines.iter().all(|s| s.id == lines[0].id) {
                    let rows: Vec<String> = lines.iter().map(|s| s.row.to_string()).collect();
                    return format!("文件名里的身份证号在花名册第 {} 行重复出现：请先改正花名册。", rows.join("、"));
                }
                let names: Vec<&str> = students.iter().map(name).collect();
                format!("文件名可能是 {} 中的任何一位：请用身份证号命名。", names.join("、"))
            }
            Unmatched::Extra { student, kind, used } => format!(
                "{} 已有{}“{}”，此文件未使用。",
                name(student),
                kind.label(),
                files.get(*used).map_or("", |f| f.name.as_str())
            ),
        }
    }
}

/// Every file's fate: at most one photo and one ID image per student.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Per roster student: the index of its photo file.
    pub photo: Vec<Option<usize>>,
    pub document: Vec<Option<usize>>,
    pub unmatched: Vec<(usize, Unmatched)>,
}

impl Assignment {
    pub fn file(&self, student: usize, kind: Kind) -> Option<usize> {
        let slots = match kind {
            Kind::Photo => &self.photo,
            Kind::Document => &self.document,
        };
        slots.get(student).copied().flatten()
    }
}

/// How sure the kind is: a card is seen in the picture, a name says it, or the picture's shape
/// suggests it, or nothing does. What the picture shows outranks what a parent called it: a photo
/// of the card sent as "张三照片.jpg" is still the ID image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Seen,
    Named,
    Shape,
    Unknown,
}

/// `身份证`, `sfz` and `证件` name the ID card, but `证件照` is the portrait photo (and
/// `身份证照片` the card again).
pub fn kind_from_name(name: &str) -> Option<Kind> {
    let lower = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["身份证", "sfz", "idcard", "户口"]) {
        Some(Kind::Document)
    } else if has(&["证件照", "照片", "相片", "头像", "photo"]) {
        Some(Kind::Photo)
    } else if has(&["证件"]) {
        Some(Kind::Document)
    } else {
        None
    }
}

/// An ID card is landscape (85.6 × 54 mm ≈ 1.59); a registration photo portrait (3 : 4). A square-ish
/// picture says nothing.
pub fn kind_from_shape((width, height): (u32, u32)) -> Option<Kind> {
    let aspect = f64::from(width) / f64::from(height.max(1));
    if aspect >= 1.2 {
        Some(Kind::Document)
    } else if aspect <= 0.9 {
        Some(Kind::Photo)
    } else {
        None
    }
}

/// Runs of 18 characters shaped like an ID number (17 digits and a digit or X) in `name`.
fn id_like_runs(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut runs = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let len = chars[start..].iter().take_while(|c| c.is_ascii_digit() || matches!(c, 'X' | 'x')).count();
        if len == 18 && chars[start..start + 17].iter().all(char::is_ascii_digit) {
            runs.push(chars[start..start + 18].iter().collect());
        }
        start += len.max(1);
    }
    runs
}

/// The student a file name points at, by ID number first, then by name (the file's own name
/// before its folders; the longest name wins, so 张三丰 is not taken for 张三).
fn student_of(roster: &Roster, path: &str) -> Result<usize, Unmatched> {
    if let Some(id) = id_like_runs(path).into_iter().next() {
        let upper = id.to_uppercase();
        let rows: Vec<usize> = (0..roster.students.len()).filter(|&i| roster.students[i].id == upper).collect();
        // An ID on two roster lines names neither: the roster must be corrected first.
        return match rows.as_slice() {
            [] => Err(Unmatched::UnknownId(id)),
            [one] => Ok(*one),
            many => Err(Unmatched::Ambiguous(many.to_vec())),
        };
    }
    let base = path.rsplit('/').next().unwrap_or(path);
    for haystack in [base, path] {
        let found: Vec<usize> = (0..roster.students.len())
            .filter(|&i| {
                let name = &roster.students[i].name;
                name.chars().count() >= 2 && haystack.contains(name.as_str())
            })
            .collect();
        let longest = found.iter().map(|&i| roster.students[i].name.chars().count()).max().unwrap_or(0);
        let found: Vec<usize> =
            found.into_iter().filter(|&i| roster.students[i].name.chars().count() == longest).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => return Err(Unmatched::Ambiguous(many.to_vec())),
        }
    }
    Err(Unmatched::NoStudent)
}

/// Assigns every file. Per student, files in which a card was seen go first, then those whose name
/// says their kind, then those whose shape suggests it, then the rest fill whichever slot is still
/// empty (the photo first).
pub fn assign(roster: &Roster, files: &[Candidate]) -> Assignment {
    let n = roster.students.len();
    let mut out = Assignment { photo: vec![None; n], document: vec![None; n], unmatched: Vec::new() };
    let mut claims: Vec<(usize, Evidence, Option<Kind>, usize)> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        match student_of(roster, &file.name) {
            Ok(student) => {
                let base = file.name.rsplit('/').next().unwrap_or(&file.name);
                let (evidence, kind) =
                    match (file.content, kind_from_name(base), file.upright.and_then(kind_from_shape)) {
                        (Some(k), _, _) => (Evidence::Seen, Some(k)),
                        (None, Some(k), _) => (Evidence::Named, Some(k)),
                        (None, None, Some(k)) => (Evidence::Shape, Some(k)),
                        (None, None, None) => (Evidence::Unknown, None),
                    };
                claims.push((student, evidence, kind, i));
            }
            Err(why) => out.unmatched.push((i, why)),
        }
    }
    claims.sort_by_key(|&(student, evidence, _, file)| (student, evidence, file));
    for (student, _, kind, file) in claims {
        let kind = kind.unwrap_or(if out.photo[student].is_none() { Kind::Photo } else { Kind::Document });
        let slot = match kind {
            Kind::Photo => &mut out.photo[student],
            Kind::Document => &mut out.document[student],
        };
        match slot {
            Some(used) => out.unmatched.push((file, Unmatched::Extra { student, kind, used: *used })),
            None => *slot = Some(file),
        }
    }
    out.unmatched.sort_by_key(|(file, _)| *file);
    out
}

impl Assignment {
    /// The teacher's choice for a file: it becomes `student`'s file of `kind`, leaving any other slot
    /// it had. The file that slot held, if any, takes the slot this one left when it was the same
    /// student's (the teacher swapped photo and ID image); else it is listed as unused.
    pub fn choose(&mut self, file: usize, student: usize, kind: Kind) {
        if student >= self.photo.len() {
            return;
        }
        let mut left = None;
        for (other, slots) in [(Kind::Photo, &mut self.photo), (Kind::Document, &mut self.document)] {
            for (holder, slot) in slots.iter_mut().enumerate() {
                if *slot == Some(file) {
                    *slot = None;
                    left = Some((holder, other));
                }
            }
        }
        self.unmatched.retain(|(f, _)| *f != file);
        let slot = match kind {
            Kind::Photo => &mut self.photo[student],
            Kind::Document => &mut self.document[student],
        };
        let Some(previous) = slot.replace(file) else { return };
        match left {
            Some((holder, other)) if holder == student && other != kind => match other {
                Kind::Photo => self.photo[student] = Some(previous),
                Kind::Document => self.document[student] = Some(previous),
            },
            _ => {
                self.unmatched.push((previous, Unmatched::Extra { student, kind, used: file }));
                self.unmatched.sort_by_key(|(f, _)| *f);
            }
        }
    }

    /// The student a file was matched to: in one of the student's slots, or left over beside the
    /// student's file of the same kind.
    pub fn student_of_file(&self, file: usize) -> Option<usize> {
        let in_slot = |slots: &[Option<usize>]| slots.iter().position(|s| *s == Some(file));
        in_slot(&self.photo).or_else(|| in_slot(&self.document)).or_else(|| {
            self.unmatched.iter().find_map(|(f, why)| match why {
                Unmatched::Extra { student, .. } if *f == file => Some(*student),
                _ => None,
            })
        })
    }

    /// The teacher's "照片 / 证件" for a file already matched to a student: the same student's
    /// file of `kind`. `false` when the file has no student (the picker names one).
    pub fn set_kind(&mut self, file: usize, kind: Kind) -> bool {
        match self.student_of_file(file) {
            Some(student) => {
                self.choose(file, student, kind);
                true
            }
            None => false,
        }
    }
}
