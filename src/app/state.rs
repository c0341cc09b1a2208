//! State that outlives a page, held by the app shell and read by several pages: the registration
//! data (the info page edits it; the password coach, readiness and the confirmation form read it)
//! and whether the password rehearsal succeeded. The photo and document results are in
//! `checked_files`. Pages reach these through context, never through another page's module.

use super::device_storage;
use crate::registration::Registration;
use leptos::prelude::*;

/// A message beside an action: what was done, or why it was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

/// The registration data, held by the app (not the page) so that switching to another page and
/// back loses nothing, and so the password coach can use it as context.
#[derive(Clone, Copy)]
pub struct RegistrationStore {
    pub form: RwSignal<Registration>,
    /// The form holds the built-in sample, not the family's data.
    pub sample: RwSignal<bool>,
    /// The family chose to keep the form on this device (see `device_storage`).
    pub save_on_device: RwSignal<bool>,
    /// Why the form could not be loaded from or saved on this device.
    pub storage_note: RwSignal<Option<Notice>>,
}

impl RegistrationStore {
    /// Restores what the user chose to save on this device, if anything.
    pub fn load() -> Self {
        let (initial, initial_sample, saved, load_note) = match device_storage::load() {
            Ok(Some(i)) => (i.registration, i.sample, true, None),
            Ok(None) => (Registration::default(), false, false, None),
            Err(m) => (Registration::default(), false, false, Some(Notice::Failed(m))),
        };
        RegistrationStore {
            form: RwSignal::new(initial),
            sample: RwSignal::new(initial_sample),
            save_on_device: RwSignal::new(saved),
            storage_note: RwSignal::new(load_note),
        }
    }
}

impl RegistrationStore {
    /// Writes the form to this device (reading the form and the sample flag, so an effect calling
    /// this runs again when they change); on failure says why in `storage_note`.
    pub fn save(self) {
        let result = self.form.with(|f| device_storage::save(f, self.sample.get()));
        self.storage_note.set(result.err().map(Notice::Failed));
    }

    /// Removes what was saved on this device.
    pub fn forget_saved(self) {
        device_storage::clear();
    }
}

/// The app's store, or a fresh one when a page is used on its own.
pub fn use_registration_store() -> RegistrationStore {
    use_context::<RegistrationStore>().unwrap_or_else(|| {
        let store = RegistrationStore::load();
        provide_context(store);
        store
    })
}

/// The password rehearsal has ended with a match at least once (for the readiness list). Only
/// this yes/no is kept, in memory; never the password or anything derived from it.
#[derive(Clone, Copy)]
pub struct RehearsalDone(pub RwSignal<bool>);
