//! The basic information, which must match the ID card.

use super::field::{SelectField, TextField};
use super::state::Ctx;
use super::toolbar::NoticeLine;
use crate::registration::BasicField;
use crate::registration::ethnicity::ETHNICITIES;
use crate::registration::model::REGISTRATION_PLACES;
use leptos::prelude::*;

#[component]
pub fn BasicInfo(ctx: Ctx) -> impl IntoView {
    let ethnicities: Vec<(&'static str, &'static str)> = ETHNICITIES.iter().map(|e| (e.code, e.name)).collect();
    view! {
        <fieldset class="reg-group">
            <legend>"基本信息（须与身份证一致）"</legend>
            <TextField ctx=ctx label="姓名" key=BasicField::Name autocomplete="name" />
            <TextField
                ctx=ctx
                label="身份证号"
                key=BasicField::IdNumber
                placeholder="18 位，最后一位可能是大写 X"
                autocomplete="off"
            />
            <button type="button" class="reg-button" on:click=move |_| ctx.fill_from_id()>"按身份证号填写出生日期和性别"</button>
            <NoticeLine note=ctx.fill_note test_id="fill-message" />
            <TextField ctx=ctx label="出生日期" key=BasicField::BirthDate placeholder="2009-05-12" inputmode="numeric" />
            <SelectField ctx=ctx label="性别" key=BasicField::Sex options=vec![("male", "男"), ("female", "女")] />
            <SelectField ctx=ctx label="民族" key=BasicField::Ethnicity options=ethnicities />
            <TextField ctx=ctx label="户籍所在地" key=BasicField::HukouPlace placeholder="如：河南省洛阳市偃师区" />
            <TextField ctx=ctx label="现就读学校（全称）" key=BasicField::CurrentSchool />
            <SelectField ctx=ctx label="年级" key=BasicField::Grade options=vec![("9", "九年级"), ("8", "八年级")] />
            <SelectField ctx=ctx label="报考地" key=BasicField::RegistrationPlace options=REGISTRATION_PLACES.to_vec() />
            <TextField
                ctx=ctx
                label="考生手机号（要能接通）"
                key=BasicField::Mobile
                input_type="tel"
                inputmode="tel"
                autocomplete="tel"
            />
        </fieldset>
    }
}
