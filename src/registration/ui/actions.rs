//! What the page's buttons do. Each changes the store and says what happened in a notice.

use super::files;
use super::state::Ctx;
use crate::app::state::Notice;
use crate::profile::Profile;
use crate::registration::transfer::{export, file_name};
use crate::registration::{BasicField, Registration, Touched, fill_from_id, sample_registration};
use leptos::prelude::*;

impl Ctx {
    /// "按身份证号填写出生日期和性别".
    pub fn fill_from_id(self) {
        match fill_from_id(&self.store.form.get_untracked()) {
            Ok(filled) => {
                self.store.form.set(filled);
                self.touch(BasicField::BirthDate.into());
                self.touch(BasicField::Sex.into());
                self.fill_note.set(Some(Notice::Done("已按身份证号填写出生日期和性别，请与身份证再核对一遍".into())));
            }
            Err(m) => {
                self.touch(BasicField::IdNumber.into());
                self.fill_note.set(Some(Notice::Failed(m)));
            }
        }
    }

    /// "填入示例数据": the profile's sample, marked as such.
    pub fn load_sample(self, profile: &'static Profile) {
        self.store.form.set(sample_registration(profile));
        self.store.sample.set(true);
        self.show_all.set(true);
        self.import_note.set(None);
    }

    /// "清除": an empty form, nothing kept on this device, no messages.
    pub fn clear(self) {
        self.store.forget_saved();
        self.store.save_on_device.set(false);
        self.store.form.set(Registration::default());
        self.store.sample.set(false);
        self.touched.set(Touched::default());
        self.show_all.set(false);
        for note in [self.store.storage_note, self.import_note, self.fill_note] {
            note.set(None);
        }
    }

    /// "导出为文件": a download made in the browser.
    pub fn export(self) {
        let (text, name) = self.store.form.with(|f| (export(f, self.store.sample.get_untracked()), file_name(f)));
        self.import_note.set(Some(match files::download(&name, &text) {
            Ok(()) => Notice::Done(format!("已导出为“{name}”，文件只保存在你的设备上；文件里没有任何密码")),
            Err(m) => Notice::Failed(m),
        }));
    }

    /// "从文件导入": replaces the form only when the whole file reads.
    pub fn import(self, file: web_sys::File) {
        leptos::task::spawn_local(async move {
            match files::read_import(file).await {
                Ok(imported) => {
                    self.store.form.set(imported.registration);
                    self.store.sample.set(imported.sample);
                    self.show_all.set(true);
                    self.import_note.set(Some(Notice::Done("已导入，下面已按规则重新检查".into())));
                }
                Err(m) => self.import_note.set(Some(Notice::Failed(format!("没有导入，表单保持原样：{m}")))),
            }
        });
    }

    /// "保存在本设备": ticking saves from now on (see `use_registration_page`); unticking removes
    /// what was saved.
    pub fn set_save_on_device(self, on: bool) {
        self.store.save_on_device.set(on);
        if !on {
            self.store.forget_saved();
            self.store.storage_note.set(None);
        }
    }
}
