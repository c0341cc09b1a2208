//! The page's state and what keeps it current: validation as the form, the profile, the clock
//! or the county-code list change, and saving on this device when the family chose so.

use crate::app::hooks::use_clock;
use crate::app::state::{Notice, RegistrationStore, use_registration_store};
use crate::profile::{LocalDateTime, Profile};
use crate::registration::{FieldKey, FieldMessage, Touched, validate};
use leptos::prelude::*;
use std::time::Duration;

/// The page's shared state, passed to every part (all parts are `Copy` signals).
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The form and its saving, held by the app so that leaving the page loses nothing.
    pub store: RegistrationStore,
    /// `validate` of the form, today.
    pub messages: Memo<Vec<FieldMessage>>,
    /// Fields the family has edited: only their messages show until "检查全部".
    pub touched: RwSignal<Touched>,
    /// "检查全部" was pressed (or a whole form was loaded): every message shows.
    pub show_all: RwSignal<bool>,
    /// Shanghai time, for the registration windows.
    pub now: Signal<LocalDateTime>,
    /// Beside the export and import buttons.
    pub import_note: RwSignal<Option<Notice>>,
    /// Beside "按身份证号填写".
    pub fill_note: RwSignal<Option<Notice>>,
}

impl Ctx {
    pub fn touch(&self, key: FieldKey) {
        if !self.touched.with_untracked(|t| t.contains(key)) {
            self.touched.update(|t| {
                t.touch(key);
            });
        }
    }
}

/// Sets up the page: the app's registration store, validation, a clock refreshed every 30 s
/// (the window panel follows it), and saving on this device while the family has ticked it.
pub fn use_registration_page(profile: Signal<&'static Profile>) -> Ctx {
    let store = use_registration_store();
    let now = use_clock(Duration::from_secs(30));
    // The historical county codes arrive after the page opens; re-validate when they do.
    let codes_ready = crate::app::data_files::use_data_files(vec![&crate::identity::area::HISTORICAL_COUNTY_CODES]);
    let messages = Memo::new(move |_| {
        codes_ready.track();
        let today = now.get().date;
        store.form.with(|f| validate(f, profile.get(), today))
    });
    // Ticked: every change is written to this device. Unticked: memory only (see the checkbox).
    Effect::new(move |_| {
        if store.save_on_device.get() {
            store.save();
        }
    });
    Ctx {
        store,
        messages,
        touched: RwSignal::new(Touched::default()),
        show_all: RwSignal::new(store.save_on_device.get_untracked()),
        now,
        import_note: RwSignal::new(None),
        fill_note: RwSignal::new(None),
    }
}
