//! The home page: what this is, the privacy promise, and which rules are in use.

use crate::profile::Profile;
use leptos::prelude::*;

#[component]
pub fn HomePage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    view! {
        <h1>"报名前，先自查"</h1>
        <p class="lead">"上传到报名平台之前，先在这里检查考生照片和证件照片是否符合要求；不合格的，一键生成合格文件。"</p>
        <section class="privacy" data-testid="privacy">
            <h2>"你的信息不会离开这台设备"</h2>
            <p>"照片、证件和填写的内容只在你的浏览器里处理，不会上传、不会发送到任何服务器；本网站不使用统计、广告或外部字体。关闭页面后，除非你主动选择保存，内容即被清除。"</p>
        </section>
        <div class="cards">
            <a class="card" href="#/photo">
                <strong>"考生照片"</strong>
                <span>"检查尺寸、分辨率、大小、格式、彩色，一键修复"</span>
            </a>
            <a class="card" href="#/document">
                <strong>"证件照片"</strong>
                <span>"检查身份证照片与文件命名，一键修复"</span>
            </a>
            <a class="card" href="#/info">
                <strong>"报名信息演练"</strong>
                <span>"填写基本信息、监护人、学习简历，像平台一样即时校验"</span>
            </a>
            <a class="card" href="#/password">
                <strong>"密码与密保"</strong>
                <span>"学会设置只有自己知道的密码和密保答案，不使用统一格式"</span>
            </a>
            <a class="card" href="#/ready">
                <strong>"就绪检查"</strong>
                <span>"一张清单列出照片、证件、报名信息和密码练习还剩哪些问题"</span>
            </a>
            <a class="card" href="#/form">
                <strong>"报名信息确认表"</strong>
                <span>"自动填好的 A4 确认表，打印后与身份证、照片逐项核对并签字"</span>
            </a>
            <a class="card" href="#/class" data-testid="home-class">
                <strong>"班级批量自查（班主任）"</strong>
                <span>"导入花名册和全班的照片、证件照片，逐个检查、一键修复，按身份证号命名打包下载"</span>
            </a>
        </div>
        <section class="profile-info">
            <h2>"当前使用的规则"</h2>
            {move || {
                let p = profile.get();
                view! {
                    <p><strong>{p.name.clone()}</strong></p>
                    <p class="source">{format!("依据：{}", p.source)}</p>
                    <p>"不同年份、不同地区的要求可能不同，请在右上角选择适用的规则；以当地通知为准。"</p>
                }
            }}
        </section>
    }
}
