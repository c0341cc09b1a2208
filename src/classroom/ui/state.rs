//! `use_class`: the class page's state and actions. The pure parts (queue, rows, filter) are
//! `classroom::session`; this hook runs them against the workers and owns what must be released:
//! object URLs (thumbnails, downloads), the fixed files, the extra workers.

use super::client::{self, Matched, Student};
use crate::app::analysis::worker_client::{WorkerId, stop};
use crate::classroom::inspect::SlotStatus;
use crate::classroom::session::{self, Downloads, Job, Pass, Queue, Row, RunState, Slot, Unused};
use crate::profile::Profile;
use crate::report::Kind;
use gloo_file::ObjectUrl;
use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::File;

/// What the page holds outside signals, released when it goes.
#[derive(Default)]
struct Held {
    urls: Vec<ObjectUrl>,
    /// Per (student, is_document): the outcome (for the export) and the exported bytes.
    fixed: HashMap<(usize, bool), (String, Option<Uint8Array>)>,
    /// Per (student, is_document): the fix its check already made (each check runs the whole fix,
    /// so the file is decoded and analysed once), shown and exported by "全部修复".
    ready: HashMap<(usize, bool), Prepared>,
    /// Files the teacher placed (picker or kind select): their kind is never changed by content.
    chosen: HashSet<usize>,
}

/// The sorting's looks shared by the analysis workers' loops.
struct Looks {
    files: std::vec::IntoIter<usize>,
    seen: Vec<(usize, bool)>,
    /// Loops not yet ended.
    running: usize,
}

/// A file's fix, made with its check and kept until "全部修复".
#[derive(Clone)]
struct Prepared {
    /// The class worker's index of the file it was made from: a slot given another file since
    /// needs a new one.
    file: usize,
    fixed: client::Fixed,
}

#[derive(Clone, Copy)]
pub struct ClassState {
    pub rows: RwSignal<Vec<Row>>,
    pub unused: RwSignal<Vec<Unused>>,
    pub queue: RwSignal<Queue>,
    /// A Chinese message: the roster could not be read, an archive was refused, a worker failed.
    pub message: RwSignal<Vec<String>>,
    pub downloads: RwSignal<Option<Downloads>>,
    /// While the analysis workers look for cards to sort new files: (looked, to look at).
    pub sorting: RwSignal<Option<(usize, usize)>>,
    /// Results exist that were not downloaded (checks done since the last download of the ZIP):
    /// leaving asks first.
    pub unsaved: RwSignal<bool>,
    profile: Signal<&'static Profile>,
    held: StoredValue<Held, LocalStorage>,
}

/// How many analysis workers check files at once: one per core, at most four (each holds the
/// models and one decoded picture).
fn pool_size() -> usize {
    let cores = window().navigator().hardware_concurrency();
    (cores as usize).clamp(1, 4)
}

pub fn use_class(profile: Signal<&'static Profile>) -> ClassState {
    let state = ClassState {
        rows: RwSignal::new(Vec::new()),
        unused: RwSignal::new(Vec::new()),
        queue: RwSignal::new(Queue::default()),
        message: RwSignal::new(Vec::new()),
        downloads: RwSignal::new(None),
        sorting: RwSignal::new(None),
        unsaved: RwSignal::new(false),
        profile,
        held: StoredValue::new_local(Held::default()),
    };
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if state.unsaved.get_untracked() {
            ev.prevent_default();
            ev.set_return_value("班级检查结果还没有下载，离开后将丢失。");
        }
    });
    on_cleanup(move || {
        unload.remove();
        // The class worker holds every file, the analysis workers their models: free them. This
        // page is its own wasm, so its workers are its own, not the single pages'.
        stop(WorkerId::Class);
        (0..pool_size()).for_each(|w| stop(WorkerId::Analysis(w)));
    });
    state
}

impl ClassState {
    fn fail(self, why: String) {
        self.message.set(vec![why]);
    }

    /// A new roster: every row, nothing checked yet (the class worker forgets earlier files).
    pub fn load_roster(self, bytes: Option<Uint8Array>, pasted: Option<String>) {
        spawn_local(async move {
            match client::roster(bytes, pasted).await {
                Ok(students) => {
                    self.queue.update(Queue::cancel);
                    self.held.update_value(|h| *h = Held::default());
                    self.rows.set(students.into_iter().map(row).collect());
                    self.unused.set(Vec::new());
                    self.downloads.set(None);
                    self.message.set(Vec::new());
                }
                Err(why) => self.fail(why),
            }
        });
    }

    /// The class worker reads and sorts the files; the analysis workers look for a card in those
    /// whose kind a card would tell, several at once, before the matching is final.
    pub fn add_files(self, files: Vec<File>) {
        spawn_local(async move {
            match client::add_files(files).await {
                Ok(m) if m.look.is_empty() => self.matched(m),
                Ok(m) => self.look_all(m),
                Err(why) => self.fail(why),
            }
        });
    }

    /// One loop per analysis worker, a file at a time; the last loop to end tells the class
    /// worker what was seen, and the files are matched again and checked.
    fn look_all(self, first: Matched) {
        let total = first.look.len();
        let loops = pool_size().min(total);
        let shared = Rc::new(RefCell::new(Looks { files: first.look.into_iter(), seen: Vec::new(), running: loops }));
        self.sorting.set(Some((0, total)));
        for worker in 0..loops {
            let shared = Rc::clone(&shared);
            let errors = first.errors.clone();
            spawn_local(async move {
                loop {
                    let Some(file) = shared.borrow_mut().files.next() else { break };
                    // A file that cannot be looked at is sorted by its name and shape.
                    let card = client::look(worker, file).await.unwrap_or(false);
                    let done = {
                        let mut looks = shared.borrow_mut();
                        looks.seen.push((file, card));
                        looks.seen.len()
                    };
                    self.sorting.set(Some((done, total)));
                }
                let last = {
                    let mut looks = shared.borrow_mut();
                    looks.running -= 1;
                    (looks.running == 0).then(|| std::mem::take(&mut looks.seen))
                };
                let Some(seen) = last else { return };
                self.sorting.set(None);
                match client::looked(seen).await {
                    Ok(m) => self.matched(Matched { errors, ..m }),
                    Err(why) => self.fail(why),
                }
            });
        }
    }

    /// The teacher's choice: `file` becomes `student`'s file of `kind`, and stays so.
    pub fn choose(self, file: usize, student: usize, kind: Kind) {
        self.held.update_value(|h| {
            h.chosen.insert(file);
        });
        self.place(file, student, kind);
    }

    fn place(self, file: usize, student: usize, kind: Kind) {
        spawn_local(async move {
            match client::choose(file, student, kind).await {
                Ok(m) => self.matched(m),
                Err(why) => self.fail(why),
            }
        });
    }

    /// Shows the matching and checks every file not checked yet.
    fn matched(self, m: Matched) {
        self.message.set(m.errors);
        self.unused.set(m.unused);
        self.downloads.set(None);
        self.rows.update(|rows| session::assign_files(rows, &m.names, &m.photo, &m.document));
        let pending = self.rows.with_untracked(|rows| session::jobs_where(rows, |s| s.status.is_none()));
        self.start(Pass::Check, pending);
    }

    /// Every assigned file through the whole fix (made already by its check, unless the file was
    /// not checked to the end); the downloads follow.
    pub fn fix_all(self) {
        let jobs = self.rows.with_untracked(|rows| session::jobs_where(rows, |_| true));
        self.downloads.set(None);
        self.held.update_value(|h| h.fixed.clear());
        let mut pending = Vec::new();
        for job in jobs {
            let key = (job.student, job.kind == Kind::Document);
            let ready = self.held.with_value(|h| h.ready.get(&key).filter(|p| p.file == job.file).cloned());
            match ready {
                Some(prepared) => self.reveal(job, prepared.fixed),
                None => pending.push(job),
            }
        }
        self.start(Pass::Fix, pending);
    }

    pub fn cancel(self) {
        self.queue.update(Queue::cancel);
    }

    fn start(self, pass: Pass, jobs: Vec<Job>) {
        let run = self.queue.try_update(|q| q.start(pass, jobs)).unwrap_or(0);
        if pass == Pass::Fix && self.queue.with_untracked(Queue::state) == RunState::Done {
            self.export();
        }
        for worker in 0..pool_size() {
            spawn_local(self.work(worker, run, pass));
        }
    }

    /// One analysis worker's loop: a file at a time until the run is over.
    async fn work(self, worker: usize, run: u32, pass: Pass) {
        while let Some(job) = self.queue.try_update(|q| q.take(run)).flatten() {
            // The ID only for a line that can name files, as `Student::checked_id` says for the CLI.
            let id = self.rows.with_untracked(|r| r.get(job.student).filter(|r| r.exportable).map(|r| r.id.clone()));
            let profile = self.profile.get_untracked().id.clone();
            // Only while checking: a move starts a new check run, which must not replace the fix.
            let photo_free = pass == Pass::Check
                && !self.held.with_value(|h| h.chosen.contains(&job.file))
                && self.rows.with_untracked(|r| r.get(job.student).is_some_and(|r| r.photo.file.is_none()));
            let thumbnail = |preview: &Uint8Array| {
                if pass == Pass::Check {
                    self.thumbnail(job, preview);
                }
            };
            let answer =
                client::inspect(worker, job, pass, &id.unwrap_or_default(), &profile, photo_free, thumbnail).await;
            if self.queue.try_update(|q| q.finish(run)) != Some(true) {
                return;
            }
            self.apply(job, pass, answer);
            if pass == Pass::Fix && self.queue.with_untracked(Queue::state) == RunState::Done {
                self.export();
            }
        }
    }

    fn thumbnail(self, job: Job, bytes: &Uint8Array) {
        let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(bytes)) else { return };
        let url = ObjectUrl::from(gloo_file::Blob::from(blob));
        let href = url.to_string();
        self.held.update_value(|h| h.urls.push(url));
        self.rows.update(|r| {
            if let Some(row) = r.get_mut(job.student) {
                row.slot_mut(job.kind).thumbnail = Some(href);
            }
        });
    }

    fn apply(self, job: Job, pass: Pass, answer: Result<client::Inspected, String>) {
        if answer.as_ref().is_ok_and(|a| a.photo_after_all) {
            // Matched again as the photo, it is checked again there (as `precheck batch` does).
            return self.place(job.file, job.student, Kind::Photo);
        }
        let (status, reason, fixed, report) = match answer {
            Ok(a) => (a.status, a.reason, a.fixed, a.report),
            Err(why) => (SlotStatus::Fail, why.clone(), Some(client::Fixed::failed(why)), None),
        };
        self.unsaved.set(true);
        self.rows.update(|r| {
            let Some(row) = r.get_mut(job.student) else { return };
            let slot: &mut Slot = row.slot_mut(job.kind);
            slot.status = Some(status);
            slot.reason = reason;
            if report.is_some() {
                slot.report = report;
            }
        });
        let Some(fixed) = fixed else { return };
        match pass {
            Pass::Check => self.held.update_value(|h| {
                h.ready.insert((job.student, job.kind == Kind::Document), Prepared { file: job.file, fixed });
            }),
            Pass::Fix => self.reveal(job, fixed),
        }
    }

    /// Shows a file's fix in its row and keeps it for the export.
    fn reveal(self, job: Job, fixed: client::Fixed) {
        let client::Fixed { label, redo, outcome, bytes } = fixed;
        self.held.update_value(|h| {
            h.fixed.insert((job.student, job.kind == Kind::Document), (outcome, bytes));
        });
        self.rows.update(|r| {
            if let Some(row) = r.get_mut(job.student) {
                row.slot_mut(job.kind).after_fix = Some((label, redo));
            }
        });
    }

    /// The ZIP and the CSV from every fixed file, as download links.
    fn export(self) {
        let results = Array::new();
        let students = self.rows.with_untracked(Vec::len);
        self.held.with_value(|h| {
            for student in 0..students {
                let entry = Object::new();
                for (key, document) in [("photo", false), ("document", true)] {
                    if let Some((outcome, bytes)) = h.fixed.get(&(student, document)) {
                        let slot = Object::new();
                        Reflect::set(&slot, &"outcome".into(), &outcome.into()).ok();
                        if let Some(b) = bytes {
                            Reflect::set(&slot, &"bytes".into(), b).ok();
                        }
                        Reflect::set(&entry, &key.into(), &slot).ok();
                    }
                }
                results.push(&entry);
            }
        });
        spawn_local(async move {
            match client::export(results).await {
                Ok((zip, csv, redo)) => {
                    let url = |bytes: &Uint8Array| -> Option<ObjectUrl> {
                        let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(bytes)).ok()?;
                        Some(ObjectUrl::from(gloo_file::Blob::from(blob)))
                    };
                    let (Some(zip), Some(csv)) = (url(&zip), url(&csv)) else {
                        return self.fail(super::BROKEN.into());
                    };
                    self.downloads.set(Some(Downloads { zip: zip.to_string(), csv: csv.to_string(), redo }));
                    self.held.update_value(|h| h.urls.extend([zip, csv]));
                    self.unsaved.set(true);
                }
                Err(why) => self.fail(why),
            }
        });
    }
}

fn row(s: Student) -> Row {
    Row {
        row: s.row,
        name: s.name,
        id: s.id,
        roster_problem: s.problems,
        exportable: s.exportable,
        photo: Slot::default(),
        document: Slot::default(),
    }
}
