//! Small drawings of what a `manual` check means, beside its "I checked" box: people recognise an
//! earring or a collar faster than they read a sentence about it.

use leptos::prelude::*;

/// A picture (and a one-line caption) for a manual check, when there is one.
pub fn illustrate(id: &str) -> Option<AnyView> {
    let (drawing, caption): (AnyView, &str) = match id {
        "attire.jewellery" => (jewellery().into_any(), "不戴耳环、耳钉、项链等饰品"),
        "attire.headwear" => (headwear().into_any(), "不戴帽子、发箍、头巾等"),
        "clothing.collar" => (collar().into_any(), "穿有领子的深色上衣"),
        "face.ears_visible" => (ears().into_any(), "头发不遮住耳朵，双耳露出"),
        "face.eyebrows_visible" => (eyebrows().into_any(), "刘海不遮住眉毛"),
        _ => return None,
    };
    Some(
        view! {
            <figure class="manual-picture">
                {drawing}
                <figcaption>{caption}</figcaption>
            </figure>
        }
        .into_any(),
    )
}

/// A head-and-shoulders outline shared by the drawings; each adds its own detail in red or green.
fn head() -> impl IntoView {
    view! {
        <rect x="0" y="0" width="90" height="120" fill="#4a8fd9" />
        <path d="M10 120 Q15 92 45 90 Q75 92 80 120 Z" fill="#1d2733" />
        <ellipse cx="45" cy="55" rx="19" ry="24" fill="#f1c9a5" />
        <path d="M26 50 Q27 28 45 28 Q63 28 64 50 Q60 38 45 37 Q30 38 26 50 Z" fill="#2b1d14" />
    }
}

fn jewellery() -> impl IntoView {
    view! {
        <svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="耳环和项链示意">
            {head()}
            <circle cx="25" cy="66" r="3" fill="#ffd43b" stroke="#e0231c" stroke-width="1.5" />
            <circle cx="65" cy="66" r="3" fill="#ffd43b" stroke="#e0231c" stroke-width="1.5" />
            <path d="M33 90 Q45 102 57 90" fill="none" stroke="#ffd43b" stroke-width="2" />
            <circle cx="45" cy="97" r="13" fill="none" stroke="#e0231c" stroke-width="2" />
        </svg>
    }
}

fn headwear() -> impl IntoView {
    view! {
        <svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="帽子示意">
            {head()}
            <path d="M22 42 Q24 18 45 18 Q66 18 68 42 Z" fill="#c92a2a" />
            <rect x="16" y="40" width="58" height="5" rx="2" fill="#a61e1e" />
        </svg>
    }
}

fn collar() -> impl IntoView {
    view! {
        <svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="衣领示意">
            {head()}
            <path d="M33 90 L45 104 L40 90 Z M57 90 L45 104 L50 90 Z" fill="#f8f9fa" stroke="#1f9d3a" stroke-width="1.5" />
        </svg>
    }
}

fn ears() -> impl IntoView {
    view! {
        <svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="露出双耳示意">
            {head()}
            <ellipse cx="25" cy="58" rx="4" ry="7" fill="#f1c9a5" stroke="#1f9d3a" stroke-width="2" />
            <ellipse cx="65" cy="58" rx="4" ry="7" fill="#f1c9a5" stroke="#1f9d3a" stroke-width="2" />
        </svg>
    }
}

fn eyebrows() -> impl IntoView {
    view! {
        <svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="露出眉毛示意">
            {head()}
            <path d="M34 48 Q38 45 42 48 M48 48 Q52 45 56 48" stroke="#2b1d14" stroke-width="2" fill="none" />
            <rect x="31" y="42" width="28" height="10" fill="none" stroke="#1f9d3a" stroke-width="1.5" />
        </svg>
    }
}
