//! A panic in wasm stops the app. Instead of a silently frozen page, show what happened and how
//! to recover (reload), and keep the console message for developers.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id("panic-overlay").is_some() {
        return;
    }
    let Ok(el) = document.create_element("div") else { return };
    el.set_id("panic-overlay");
    el.set_attribute("role", "alert").ok();
    el.set_inner_html(
        "<h2>抱歉，页面出错了</h2><p>这是本工具的缺陷，不是你的操作问题。请刷新页面后重试；你的文件没有被上传到任何地方。</p><button onclick=\"location.reload()\">刷新页面</button>",
    );
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>()
        && let Some(body) = document.body()
    {
        body.append_child(el).ok();
    }
}
