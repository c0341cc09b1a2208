//! The models this worker has loaded, each fetched and planned once per worker and on demand: the
//! photo page's worker leaves the segmenter to its helper (`helper`), the camera's frames want the
//! detector alone, and the class page's requests want all three here.

use super::{post, scope};
use crate::face::model::{DETECTOR_FILE, Detector, FaceFinder, FaceModels, MESH_FILE, Mesh, SEGMENTER_FILE, Segmenter};
use js_sys::{Array, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::thread::LocalKey;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::Response;

/// The model files a photo needs, for the progress shown while they download.
const FILES: u32 = 3;

/// One loaded thing, and the one load in flight that requests arriving meanwhile share.
pub(crate) struct Slot<T> {
    loaded: RefCell<Option<Rc<T>>>,
    loading: RefCell<Option<Promise>>,
}

impl<T> Slot<T> {
    const fn new() -> Slot<T> {
        Slot { loaded: RefCell::new(None), loading: RefCell::new(None) }
    }
}

thread_local! {
    static DETECTOR: Slot<Detector> = const { Slot::new() };
    static MESH: Slot<Mesh> = const { Slot::new() };
    static SEGMENTER: Slot<Segmenter> = const { Slot::new() };
    static MODELS: RefCell<Option<Rc<FaceModels>>> = const { RefCell::new(None) };
    /// Model files fetched (or, on the photo page, loaded by the helper) so far, for the progress.
    static FILES_DONE: Cell<u32> = const { Cell::new(0) };
    /// The request shown the progress: the latest one waiting for models. A load started by one
    /// request (the page's warm-up, say) is shown to the photo's request that comes to wait for it.
    static WATCHER: Cell<u32> = const { Cell::new(0) };
}

/// Shows request `id` the progress of the models' load from now on (and at once, if a load is
/// under way).
pub(crate) fn watch(id: u32) {
    WATCHER.with(|w| w.set(id));
    let loading = DETECTOR.with(|s| s.loading.borrow().is_some())
        || MESH.with(|s| s.loading.borrow().is_some())
        || SEGMENTER.with(|s| s.loading.borrow().is_some());
    if loading {
        post_progress();
    }
}

/// The three models here, loading what is missing (their downloads run at the same time).
pub(crate) async fn models(id: u32) -> Result<Rc<FaceModels>, String> {
    if let Some(models) = loaded_models() {
        return Ok(models);
    }
    watch(id);
    let segmenter = start(&SEGMENTER, load_segmenter);
    // Both awaited before either error is returned: a load nobody waits for would keep its failure.
    let (finder, segmenter) = (finder().await, wait(&SEGMENTER, segmenter).await);
    let (finder, segmenter) = (finder?, segmenter?);
    let models = Rc::new(finder.with(&segmenter));
    MODELS.with(|m| *m.borrow_mut() = Some(models.clone()));
    Ok(models)
}

/// The three models if this worker already has them (nothing is loaded).
pub(crate) fn loaded_models() -> Option<Rc<FaceModels>> {
    MODELS.with(|m| m.borrow().clone())
}

/// The detector and the mesh (the plans are shared, not copied).
pub(crate) async fn finder() -> Result<FaceFinder, String> {
    let detector = start(&DETECTOR, load_detector);
    let mesh = start(&MESH, load_mesh);
    let (detector, mesh) = (wait(&DETECTOR, detector).await, wait(&MESH, mesh).await);
    Ok(FaceFinder { detector: (*detector?).clone(), mesh: (*mesh?).clone() })
}

/// The detector alone (the camera's frames).
pub(crate) async fn detector() -> Result<Rc<Detector>, String> {
    let loading = start(&DETECTOR, load_detector);
    wait(&DETECTOR, loading).await
}

/// The segmenter alone.
pub(crate) async fn segmenter() -> Result<Rc<Segmenter>, String> {
    let loading = start(&SEGMENTER, load_segmenter);
    wait(&SEGMENTER, loading).await
}

/// Counts one more model file ready (one the helper loaded) in the progress.
pub(crate) fn count_file() {
    FILES_DONE.with(|d| d.set((d.get() + 1).min(FILES)));
    post_progress();
}

fn post_progress() {
    let (id, done) = (WATCHER.with(Cell::get), FILES_DONE.with(Cell::get));
    post("progress", id, &[("done", done.into()), ("total", FILES.into())], &Array::new());
}

/// The slot's load: `None` when already loaded, else the promise of the load in flight (started
/// now if none is).
fn start<T: 'static, F: Future<Output = Result<T, String>> + 'static>(
    slot: &'static LocalKey<Slot<T>>,
    load: fn() -> F,
) -> Option<Promise> {
    slot.with(|s| {
        if s.loaded.borrow().is_some() {
            return None;
        }
        let promise = s
            .loading
            .borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async move {
                    let value = load().await.map_err(|e| JsValue::from_str(&e))?;
                    slot.with(|s| *s.loaded.borrow_mut() = Some(Rc::new(value)));
                    Ok(JsValue::UNDEFINED)
                })
            })
            .clone();
        Some(promise)
    })
}

/// Waits for a load [`start`] gave; a failed one is forgotten so the next request tries again.
async fn wait<T>(slot: &'static LocalKey<Slot<T>>, loading: Option<Promise>) -> Result<Rc<T>, String> {
    if let Some(loading) = loading {
        let loaded = JsFuture::from(loading).await;
        slot.with(|s| *s.loading.borrow_mut() = None);
        loaded.map_err(|e| e.as_string().unwrap_or_else(|| "模型加载失败。".into()))?;
    }
    slot.with(|s| s.loaded.borrow().clone()).ok_or_else(|| "模型加载失败。".into())
}

async fn load_detector() -> Result<Detector, String> {
    let [detector] = fetch_all([DETECTOR_FILE]).await?;
    Detector::from_bytes(&detector).map_err(|e| format!("模型文件无法加载：{e}"))
}

async fn load_mesh() -> Result<Mesh, String> {
    let [mesh] = fetch_all([MESH_FILE]).await?;
    Mesh::from_bytes(&mesh).map_err(|e| format!("模型文件无法加载：{e}"))
}

async fn load_segmenter() -> Result<Segmenter, String> {
    let [segmenter] = fetch_all([SEGMENTER_FILE]).await?;
    Segmenter::from_bytes(&segmenter).map_err(|e| format!("模型文件无法加载：{e}"))
}

/// The files of the site's `models/` folder. All requests start at once (over a real network that
/// saves round trips); the bodies are then read in order, each counted in the progress.
async fn fetch_all<const N: usize>(names: [&str; N]) -> Result<[Vec<u8>; N], String> {
    let urls = names.map(|name| format!("models/{name}"));
    let requests = urls.each_ref().map(|url| scope().fetch_with_str(url));
    if FILES_DONE.with(Cell::get) == 0 {
        post_progress();
    }
    let mut files = Vec::with_capacity(N);
    for (url, request) in urls.iter().zip(requests) {
        files.push(read_body(url, request).await?);
        count_file();
    }
    files.try_into().map_err(|_| "模型加载失败。".to_owned())
}

/// The bytes of a started `fetch` of `url`.
async fn read_body(url: &str, request: Promise) -> Result<Vec<u8>, String> {
    let failed = || format!("无法下载模型文件 {url}，请检查网络后刷新页面。");
    let response: Response = JsFuture::from(request).await.map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    if !response.ok() {
        return Err(failed());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed())?).await.map_err(|_| failed())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
