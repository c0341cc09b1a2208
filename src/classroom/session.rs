//! The class page's state, without the browser: the queue of files to check or fix (a few in flight
//! at once, one per worker), its progress, the table's rows and the "只看有问题的" filter. The
//! components in `ui` only connect signals to these functions.

use super::inspect::SlotStatus;
use crate::report::Kind;

/// One file of one student to run through an analysis worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub student: usize,
    pub kind: Kind,
    /// The file's index in the class worker's list.
    pub file: usize,
}

/// Every assigned file, student by student (photo, then ID image).
pub fn jobs(photo: &[Option<usize>], document: &[Option<usize>]) -> Vec<Job> {
    let mut out = Vec::new();
    for student in 0..photo.len().max(document.len()) {
        for (kind, slots) in [(Kind::Photo, photo), (Kind::Document, document)] {
            if let Some(file) = slots.get(student).copied().flatten() {
                out.push(Job { student, kind, file });
            }
        }
    }
    out
}

/// What the queue is doing (`data-state` of the progress element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Idle,
    Working,
    Done,
    Cancelled,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Working => "working",
            RunState::Done => "done",
            RunState::Cancelled => "cancelled",
        }
    }
}

/// Check the files as given, or run the whole fix (check, fix, re-check) for the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    Check,
    Fix,
}

/// The files of one run, handed out one at a time. A run has a number: answers of an earlier,
/// cancelled or replaced run are not counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Queue {
    jobs: Vec<Job>,
    next: usize,
    done: usize,
    run: u32,
    cancelled: bool,
    pass: Option<Pass>,
}

impl Queue {
    /// Starts a new run; the number it returns goes with every `take` and `finish`.
    pub fn start(&mut self, pass: Pass, jobs: Vec<Job>) -> u32 {
        self.run = self.run.wrapping_add(1);
        *self = Queue { jobs, next: 0, done: 0, run: self.run, cancelled: false, pass: Some(pass) };
        self.run
    }

    /// The next file of run `run`, or `None` when it is over, cancelled or replaced.
    pub fn take(&mut self, run: u32) -> Option<Job> {
        if run != self.run || self.cancelled {
            return None;
        }
        let job = self.jobs.get(self.next).copied()?;
        self.next += 1;
        Some(job)
    }

    /// Counts a finished file; `false` when its run is no longer the current one (drop the answer).
    pub fn finish(&mut self, run: u32) -> bool {
        if run != self.run || self.cancelled {
            return false;
        }
        self.done = (self.done + 1).min(self.jobs.len());
        true
    }

    /// Stops handing out files; answers already on their way are dropped.
    pub fn cancel(&mut self) {
        if self.state() == RunState::Working {
            self.cancelled = true;
        }
    }

    pub fn pass(&self) -> Option<Pass> {
        self.pass
    }

    pub fn done(&self) -> usize {
        self.done
    }

    pub fn total(&self) -> usize {
        self.jobs.len()
    }

    pub fn state(&self) -> RunState {
        match self.pass {
            None => RunState::Idle,
            Some(_) if self.cancelled => RunState::Cancelled,
            Some(_) if self.done < self.jobs.len() => RunState::Working,
            Some(_) => RunState::Done,
        }
    }

    /// Share done, 0–100, for the progress bar.
    pub fn percent(&self) -> u32 {
        if self.jobs.is_empty() { 100 } else { (self.done * 100 / self.jobs.len()) as u32 }
    }
}

/// The table's cell for one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Slot {
    /// The assigned file's name; `None` when the student has none.
    pub file: Option<String>,
    /// Its index in the class worker's list.
    pub index: Option<usize>,
    /// The file as given: `None` while it waits for its check.
    pub status: Option<SlotStatus>,
    /// Which checks fail or warn, or why the check could not run.
    pub reason: String,
    /// After "全部修复": 合格 / 已修复 / 需重交 and what to redo.
    pub after_fix: Option<(String, String)>,
    /// An object URL of the picture, for the thumbnail and the report's picture.
    pub thumbnail: Option<String>,
    /// The full report on the file as given, once checked.
    pub report: Option<super::report_view::ReportView>,
}

impl Slot {
    /// `data-photo-status` / `data-document-status`: pass, warn, fail, missing, or pending.
    pub fn status_attr(&self) -> &'static str {
        match (&self.file, self.status) {
            (None, _) => SlotStatus::Missing.as_str(),
            (Some(_), Some(s)) => s.as_str(),
            (Some(_), None) => "pending",
        }
    }

    fn problem(&self) -> bool {
        match &self.after_fix {
            Some((label, _)) => label != "合格" && label != "已修复",
            None => self.file.is_none() || matches!(self.status, Some(s) if s != SlotStatus::Pass),
        }
    }

    /// The cell's one line.
    pub fn line(&self, kind: Kind) -> String {
        if let Some((label, redo)) = &self.after_fix {
            return if redo.is_empty() { label.clone() } else { redo.clone() };
        }
        match (&self.file, self.status) {
            (None, _) => format!("缺少{}", kind.label()),
            (Some(_), None) => "等待检查".into(),
            (Some(_), Some(SlotStatus::Pass)) => "合格".into(),
            (Some(_), Some(_)) => self.reason.clone(),
        }
    }
}

/// Ready downloads: the ZIP's and the CSV's object URLs, and the families' redo lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Downloads {
    pub zip: String,
    pub csv: String,
    pub redo: Vec<String>,
}

/// A file the class worker could give no student, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unused {
    pub file: usize,
    pub name: String,
    pub reason: String,
}

/// One roster student's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub row: usize,
    pub name: String,
    pub id: String,
    /// The roster's problems with this line ("身份证号与第 3 行重复"); empty when none.
    pub roster_problem: String,
    /// The line's ID can name files (a document's name rule compares to it).
    pub exportable: bool,
    pub photo: Slot,
    pub document: Slot,
}

impl Row {
    pub fn slot(&self, kind: Kind) -> &Slot {
        match kind {
            Kind::Photo => &self.photo,
            Kind::Document => &self.document,
        }
    }

    pub fn slot_mut(&mut self, kind: Kind) -> &mut Slot {
        match kind {
            Kind::Photo => &mut self.photo,
            Kind::Document => &mut self.document,
        }
    }

    /// Something the teacher or the family must look at.
    pub fn has_problem(&self) -> bool {
        !self.roster_problem.is_empty() || self.photo.problem() || self.document.problem()
    }
}

/// Gives each row its files (by the class worker's assignment); results of earlier files go.
pub fn assign_files(rows: &mut [Row], names: &[String], photo: &[Option<usize>], document: &[Option<usize>]) {
    for (i, row) in rows.iter_mut().enumerate() {
        for (kind, slots) in [(Kind::Photo, photo), (Kind::Document, document)] {
            let index = slots.get(i).copied().flatten();
            let file = index.and_then(|f| names.get(f).cloned());
            let slot = row.slot_mut(kind);
            if slot.file != file || slot.index != index {
                *slot = Slot { file, index, ..Slot::default() };
            }
        }
    }
}

/// A job for every slot with a file that `wanted` picks, row by row (photo first).
pub fn jobs_where(rows: &[Row], wanted: impl Fn(&Slot) -> bool) -> Vec<Job> {
    let pick = |kind: Kind| -> Vec<Option<usize>> {
        rows.iter().map(|r| Some(r.slot(kind)).filter(|s| wanted(s)).and_then(|s| s.index)).collect()
    };
    jobs(&pick(Kind::Photo), &pick(Kind::Document))
}

/// The rows shown: all, or only those with a problem.
pub fn visible(rows: &[Row], problems_only: bool) -> Vec<usize> {
    (0..rows.len()).filter(|&i| !problems_only || rows[i].has_problem()).collect()
}

/// Whether every assigned file has been through the fix (the downloads then hold everything).
pub fn all_fixed(rows: &[Row]) -> bool {
    rows.iter().all(|r| [&r.photo, &r.document].iter().all(|s| s.file.is_none() || s.after_fix.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> Row {
        Row { name: name.into(), id: format!("id-{name}"), ..Row::default() }
    }

    #[test]
    fn jobs_go_student_by_student_photo_first_and_skip_missing_files() {
        let jobs = jobs(&[Some(3), None, Some(0)], &[Some(1), Some(2), None]);
        let as_tuples: Vec<(usize, Kind, usize)> = jobs.iter().map(|j| (j.student, j.kind, j.file)).collect();
        assert_eq!(
            as_tuples,
            [(0, Kind::Photo, 3), (0, Kind::Document, 1), (1, Kind::Document, 2), (2, Kind::Photo, 0)]
        );
    }

    #[test]
    fn a_run_hands_out_each_file_once_and_is_done_when_all_answered() {
        let mut q = Queue::default();
        assert_eq!(q.state(), RunState::Idle);
        let run = q.start(Pass::Check, jobs(&[Some(0), Some(1)], &[None, None]));
        assert_eq!((q.state(), q.done(), q.total(), q.percent()), (RunState::Working, 0, 2, 0));
        let (a, b) = (q.take(run).unwrap(), q.take(run).unwrap());
        assert_eq!((a.file, b.file), (0, 1));
        assert_eq!(q.take(run), None, "two workers, two files: nothing left for a third");
        assert!(q.finish(run));
        assert_eq!((q.state(), q.percent()), (RunState::Working, 50));
        assert!(q.finish(run));
        assert_eq!((q.state(), q.done()), (RunState::Done, 2));
    }

    #[test]
    fn an_empty_run_is_done_at_once() {
        let mut q = Queue::default();
        q.start(Pass::Check, Vec::new());
        assert_eq!((q.state(), q.percent()), (RunState::Done, 100));
    }

    #[test]
    fn cancel_stops_handing_out_and_drops_late_answers() {
        let mut q = Queue::default();
        let run = q.start(Pass::Check, jobs(&[Some(0), Some(1), Some(2)], &[]));
        q.take(run).unwrap();
        q.cancel();
        assert_eq!(q.state(), RunState::Cancelled);
        assert_eq!(q.take(run), None);
        assert!(!q.finish(run), "the answer in flight is dropped");
        assert_eq!(q.done(), 0);
    }

    #[test]
    fn answers_of_a_replaced_run_are_not_counted() {
        let mut q = Queue::default();
        let old = q.start(Pass::Check, jobs(&[Some(0)], &[]));
        q.take(old).unwrap();
        let new = q.start(Pass::Fix, jobs(&[Some(0)], &[Some(1)]));
        assert_ne!(old, new);
        assert!(!q.finish(old));
        assert_eq!(q.take(old), None);
        assert_eq!((q.pass(), q.total(), q.done()), (Some(Pass::Fix), 2, 0));
        assert!(q.take(new).is_some());
    }

    #[test]
    fn slot_status_is_missing_pending_or_the_checked_one() {
        let mut s = Slot::default();
        assert_eq!((s.status_attr(), s.line(Kind::Document).as_str()), ("missing", "缺少证件照片"));
        s.file = Some("a.jpg".into());
        assert_eq!((s.status_attr(), s.line(Kind::Photo).as_str()), ("pending", "等待检查"));
        s.status = Some(SlotStatus::Fail);
        s.reason = "背景颜色不合格".into();
        assert_eq!((s.status_attr(), s.line(Kind::Photo).as_str()), ("fail", "背景颜色不合格"));
        s.after_fix = Some(("已修复".into(), String::new()));
        assert_eq!(s.line(Kind::Photo), "已修复");
    }

    #[test]
    fn the_filter_keeps_rows_with_a_roster_or_file_problem() {
        let ok = |mut r: Row| {
            for kind in [Kind::Photo, Kind::Document] {
                *r.slot_mut(kind) =
                    Slot { file: Some("f.jpg".into()), status: Some(SlotStatus::Pass), ..Slot::default() };
            }
            r
        };
        let mut rows = vec![ok(row("甲")), ok(row("乙")), row("丙"), ok(row("丁"))];
        rows[1].photo.status = Some(SlotStatus::Warn);
        rows[3].roster_problem = "身份证号与第 2 行重复".into();
        assert_eq!(visible(&rows, false), [0, 1, 2, 3]);
        assert_eq!(visible(&rows, true), [1, 2, 3], "a warning, missing files, a roster problem");
        // After the fix, a warned file that was exported is no longer a problem; a redo is.
        rows[1].photo.after_fix = Some(("已修复".into(), String::new()));
        rows[0].document.after_fix = Some(("需重交".into(), "证件照片需重拍或重新扫描：证件可辨认不合格".into()));
        assert_eq!(visible(&rows, true), [0, 2, 3]);
    }

    #[test]
    fn new_files_replace_a_slots_results_but_keep_unchanged_ones() {
        let mut rows = vec![row("甲"), row("乙")];
        let names: Vec<String> = ["甲.jpg", "乙.jpg", "甲身份证.jpg"].map(String::from).to_vec();
        assign_files(&mut rows, &names, &[Some(0), Some(1)], &[Some(2), None]);
        assert_eq!(rows[0].document.file.as_deref(), Some("甲身份证.jpg"));
        assert_eq!(rows[1].document.status_attr(), "missing");
        rows[0].photo.status = Some(SlotStatus::Pass);
        rows[1].photo.status = Some(SlotStatus::Fail);
        assign_files(&mut rows, &names, &[Some(0), Some(2)], &[None, None]);
        assert_eq!(rows[0].photo.status, Some(SlotStatus::Pass), "same file, result kept");
        assert_eq!(rows[1].photo.status, None, "another file, checked again");
        let pending: Vec<(usize, usize)> =
            jobs_where(&rows, |s| s.status.is_none()).iter().map(|j| (j.student, j.file)).collect();
        assert_eq!(pending, [(1, 2)]);
        assert_eq!(jobs_where(&rows, |_| true).len(), 2);
        assert!(!all_fixed(&rows));
        for r in &mut rows {
            r.photo.after_fix = Some(("合格".into(), String::new()));
        }
        assert!(all_fixed(&rows));
    }
}
