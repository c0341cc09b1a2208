//! The files a teacher hands over, gathered: pictures as they are, ZIP archives opened (within the
//! limits) and listed entry by entry. Each file is a [`Candidate`] for matching and a [`Source`]
//! to read its bytes from when its turn comes, so memory holds the archives and one unpacked
//! picture, not the whole class unpacked. The CLI keeps loose files on disk (`L` = a path), the
//! class worker in memory (`L` = the bytes).

use super::archive::{self, Archive, ArchiveError, Entry};
use super::matching::Candidate;
use crate::report::Kind;

/// Where a file's bytes are.
pub enum Source<L> {
    Loose(L),
    Zipped { archive: usize, entry: Entry },
}

pub struct Intake<L> {
    archives: Vec<Vec<u8>>,
    pub files: Vec<(Candidate, Source<L>)>,
    /// Leave the look for a card (most of the sorting's time: a phone photo is decoded for it) to
    /// the caller, who has more cores: the class page hands it to its analysis workers. The files
    /// still to look at wait in `unlooked`.
    pub defer_looks: bool,
    unlooked: Vec<usize>,
}

impl<L> Default for Intake<L> {
    fn default() -> Self {
        Intake { archives: Vec::new(), files: Vec::new(), defer_looks: false, unlooked: Vec::new() }
    }
}

impl<L> Intake<L> {
    /// Adds a file by its bytes: a ZIP archive's entries (refused whole by the archive limits), or
    /// the picture itself, named `shown` and read later from what `keep` makes of its bytes.
    pub fn add(&mut self, shown: String, bytes: Vec<u8>, keep: impl FnOnce(Vec<u8>) -> L) -> Result<(), ArchiveError> {
        if !archive::is_zip(&bytes) {
            let found = self.candidate(shown, &bytes);
            self.files.push((found, Source::Loose(keep(bytes))));
            return Ok(());
        }
        let index = self.archives.len();
        let mut zip = Archive::open(&bytes, &archive::LIMITS)?;
        let mut found = Vec::new();
        for (n, entry) in zip.entries().to_vec().into_iter().enumerate() {
            let unpacked = zip.read(&entry)?;
            let is = self.candidate_at(self.files.len() + n, entry.name.clone(), &unpacked);
            found.push((is, Source::Zipped { archive: index, entry }));
        }
        drop(zip);
        self.archives.push(bytes);
        self.files.extend(found);
        Ok(())
    }

    /// A file's bytes; `read_loose` reads a loose file from wherever `L` says it is.
    pub fn read(&self, file: usize, read_loose: impl FnOnce(&L) -> Result<Vec<u8>, String>) -> Result<Vec<u8>, String> {
        match &self.files.get(file).ok_or("没有这个文件。")?.1 {
            Source::Loose(loose) => read_loose(loose),
            Source::Zipped { archive, entry } => self.unpack(*archive, entry),
        }
    }

    /// An archived file's bytes: entry `entry` of archive `archive`.
    pub fn unpack(&self, archive: usize, entry: &Entry) -> Result<Vec<u8>, String> {
        let bytes = self.archives.get(archive).ok_or("没有这个压缩包。")?;
        Archive::open(bytes, &archive::LIMITS).and_then(|mut zip| zip.read(entry)).map_err(|e| e.message())
    }

    pub fn candidates(&self) -> Vec<Candidate> {
        self.files.iter().map(|(c, _)| c.clone()).collect()
    }

    /// The files whose look was deferred ([`Intake::defer_looks`]) and not yet told, handed over
    /// once.
    pub fn take_unlooked(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.unlooked)
    }

    /// What a deferred look found in file `file` ([`super::content::kind_from_content`]).
    pub fn looked(&mut self, file: usize, content: Option<Kind>) {
        if let Some((candidate, _)) = self.files.get_mut(file) {
            candidate.content = content;
        }
    }

    fn candidate(&mut self, name: String, bytes: &[u8]) -> Candidate {
        self.candidate_at(self.files.len(), name, bytes)
    }

    /// The name, the upright size when the header can be read, and whether a card is seen in it
    /// (each says something of photo or ID card) for the file that will be number `file`. A file
    /// whose name already says it is the ID image is not searched: a card seen could only say the
    /// same, and the search is most of a class's sorting time (its check searches it anyway).
    fn candidate_at(&mut self, file: usize, name: String, bytes: &[u8]) -> Candidate {
        let upright = crate::imaging::decode::probe(bytes).ok().map(|p| p.upright);
        let named_document = super::matching::kind_from_name(base_name(&name)) == Some(Kind::Document);
        let worth_a_look = upright.is_some() && !named_document;
        let content = if worth_a_look && self.defer_looks {
            self.unlooked.push(file);
            None
        } else {
            upright.filter(|_| worth_a_look).and_then(|_| super::content::kind_from_content(bytes))
        };
        Candidate { name, upright, content }
    }
}

/// The file's own name, without the folders it came in (what its checks judge).
pub fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
