//! Hash routing (`#/photo`): works on any static host and from a saved copy of the site.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    Photo,
    Document,
    Registration,
    Password,
    Ready,
    Form,
    Class,
    /// The live camera guide, reached from the photo page (not in the navigation).
    Camera,
}

impl Route {
    pub const ALL: &'static [Route] = &[
        Route::Home,
        Route::Photo,
        Route::Document,
        Route::Registration,
        Route::Password,
        Route::Ready,
        Route::Form,
        Route::Class,
        Route::Camera,
    ];

    pub fn href(self) -> &'static str {
        match self {
            Route::Home => "#/",
            Route::Photo => "#/photo",
            Route::Document => "#/document",
            Route::Registration => "#/info",
            Route::Password => "#/password",
            Route::Ready => "#/ready",
            Route::Form => "#/form",
            Route::Class => "#/class",
            Route::Camera => "#/camera",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Home => "首页",
            Route::Photo => "考生照片",
            Route::Document => "证件照片",
            Route::Registration => "报名信息",
            Route::Password => "密码与密保",
            Route::Ready => "就绪检查",
            Route::Form => "确认表",
            Route::Class => "班级批量自查",
            Route::Camera => "相机拍照",
        }
    }

    pub fn in_nav(self) -> bool {
        self != Route::Camera
    }

    /// Unknown hashes show the home page rather than an error.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        Route::ALL.iter().copied().find(|r| r.href().trim_start_matches("#/") == path).unwrap_or(Route::Home)
    }
}

/// The current route, following `hashchange`.
pub fn use_hash_route() -> ReadSignal<Route> {
    let current = || Route::from_hash(&window().location().hash().unwrap_or_default());
    let (route, set_route) = signal(current());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
    route
}
