//! Hostile inputs to the `precheck` command: each must be answered with an exit code and a Chinese
//! message, within 10 s, and inside 600 MB of address space: the built binary runs under
//! `ulimit -v` (so an allocation past the budget fails the run) and `timeout`. Every input is
//! generated here. With `HOSTILE_INPUTS_DIR=DIR` the inputs are written to DIR and kept, to
//! measure a release build on them (`/usr/bin/time -v target/release/precheck photo DIR/…`).

#[path = "support/fixtures.rs"]
mod fixtures;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The budget every answer must fit in.
const TIME_LIMIT: Duration = Duration::from_secs(10);
const MEMORY_LIMIT_KB: u64 = 600 * 1024;

struct Answer {
    code: Option<i32>,
    out: String,
    err: String,
    took: Duration,
}

/// Runs the `precheck` binary with `args` under the memory and time limits.
fn precheck(args: &[&OsStr]) -> Answer {
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec timeout {} \"$@\"", TIME_LIMIT.as_secs()))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_precheck"))
        .args(args)
        .output()
        .expect("sh runs");
    let answer = Answer {
        code: output.status.code(),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        took: started.elapsed(),
    };
    assert_ne!(answer.code, Some(124), "timed out after {TIME_LIMIT:?}: {args:?}");
    assert!(answer.took < TIME_LIMIT, "{args:?} took {:?}", answer.took);
    assert!(!answer.err.contains("panicked") && !answer.err.contains("memory allocation"), "{}", answer.err);
    answer
}

/// Where this test writes its inputs: `HOSTILE_INPUTS_DIR` (kept), or a temp dir per test.
fn inputs_dir(test: &str) -> PathBuf {
    let dir = match std::env::var_os("HOSTILE_INPUTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("precheck-hostile-{test}-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write input");
    path
}

/// The JSON report of a `--json` run of one file.
fn report(answer: &Answer) -> serde_json::Value {
    serde_json::from_str(answer.out.trim()).unwrap_or_else(|e| panic!("{e}: {}{}", answer.out, answer.err))
}

/// (status, message) of check `id` in a JSON report.
fn check(report: &serde_json::Value, id: &str) -> Option<(String, String)> {
    report["checks"].as_array()?.iter().find(|c| c["id"] == id).map(|c| {
        (c["status"].as_str().unwrap_or_default().to_owned(), c["message"].as_str().unwrap_or_default().to_owned())
    })
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A compliant 450×600 photo, 300 dpi in JFIF.
fn photo() -> Vec<u8> {
    fixtures::jpeg(&fixtures::portrait(450, 600), 80, Some(300))
}

/// `jpeg` with an APP1 `Exif` segment holding `tiff` right after SOI.
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&u16::try_from(tiff.len() + 8).expect("segment fits").to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(tiff);
    [&jpeg[..2], &app1[..], &jpeg[2..]].concat()
}

/// A big-endian TIFF: IFD0 at 8 with `entries` (tag, type, count, value or offset), whose next-IFD
/// pointer is `next`, followed by `data`.
fn tiff(entries: &[(u16, u16, u32, u32)], next: u32, data: &[u8]) -> Vec<u8> {
    let mut t = b"MM\0\x2A\0\0\0\x08".to_vec();
    t.extend_from_slice(&u16::try_from(entries.len()).expect("few entries").to_be_bytes());
    for &(tag, ty, count, value) in entries {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&ty.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value.to_be_bytes());
    }
    t.extend_from_slice(&next.to_be_bytes());
    t.extend_from_slice(data);
    t
}

/// `jpeg` with its SOF0 turned into SOF`n` of the given sample precision.
fn with_frame(jpeg: &[u8], marker: u8, precision: u8) -> Vec<u8> {
    let sof = fixtures::jpeg_segments(jpeg).into_iter().find(|s| s.marker == 0xC0).expect("baseline frame");
    let mut bytes = jpeg.to_vec();
    bytes[sof.offset + 1] = marker;
    bytes[sof.offset + 4] = precision;
    bytes
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, marker];
    v.extend_from_slice(&u16::try_from(payload.len() + 2).expect("segment fits").to_be_bytes());
    v.extend_from_slice(payload);
    v
}

/// A grey-scale progressive JPEG header of `side`×`side` pixels followed by `scans` AC scans with no
/// entropy data: a decoder that takes them all visits every block of the picture once per scan.
fn scan_bomb(side: u16, scans: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    v.extend(segment(0xE0, b"JFIF\0\x01\x01\x01\x01\x2C\x01\x2C\0\0"));
    v.extend(segment(0xDB, &[[0u8].as_slice(), &[1u8; 64]].concat()));
    let mut frame = vec![8];
    frame.extend_from_slice(&side.to_be_bytes());
    frame.extend_from_slice(&side.to_be_bytes());
    frame.extend_from_slice(&[1, 1, 0x11, 0]);
    v.extend(segment(0xC2, &frame));
    // One code of length 1 in each table: DC difference 0, AC end-of-band.
    let mut dht = vec![0x00, 1];
    dht.extend_from_slice(&[0; 15]);
    dht.push(0);
    dht.extend_from_slice(&[0x10, 1]);
    dht.extend_from_slice(&[0; 15]);
    dht.push(0);
    v.extend(segment(0xC4, &dht));
    v.extend(segment(0xDA, &[1, 1, 0x00, 0, 0, 0]));
    for _ in 0..scans {
        v.extend(segment(0xDA, &[1, 1, 0x00, 1, 63, 0]));
    }
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

#[test]
fn exif_loops_huge_counts_and_zero_denominators() {
    let dir = inputs_dir("exif");
    // IFD0 points to itself as the next IFD and as its EXIF IFD.
    let looped = tiff(&[(0x0112, 3, 1, 1 << 16), (0x8769, 4, 1, 8)], 8, &[]);
    // An entry claiming 2^30 rationals (8 GB) at an offset inside the block, and a next IFD far away.
    let huge = tiff(&[(0x0112, 3, 1, 1 << 16), (0x011A, 5, 1 << 30, 26)], 0xFFFF_FFF0, &[0; 16]);
    // Resolution 300/0 and 0/0 (inch): no number, so the density must count as missing.
    let zero = tiff(
        &[(0x011A, 5, 1, 50), (0x011B, 5, 1, 58), (0x0128, 3, 1, 2 << 16)],
        0,
        &[[0u8; 8].as_slice(), &300u32.to_be_bytes(), &0u32.to_be_bytes(), &[0; 8]].concat(),
    );
    let no_density = fixtures::jpeg(&fixtures::portrait(450, 600), 80, None);
    for (name, bytes) in [
        ("exif-loop.jpg", with_exif(&photo(), &looped)),
        ("exif-huge-count.jpg", with_exif(&photo(), &huge)),
        ("exif-zero-denominator.jpg", with_exif(&no_density, &zero)),
    ] {
        let path = write(&dir, name, &bytes);
        let answer =
            precheck(&[OsStr::new("photo"), OsStr::new("--files-only"), OsStr::new("--json"), path.as_os_str()]);
        assert!(matches!(answer.code, Some(0 | 1)), "{name}: {:?} {}", answer.code, answer.err);
        let report = report(&answer);
        let (format, _) = check(&report, "file.format").expect("file.format row");
        assert_ne!(format, "fail", "{name}: the picture itself is fine: {report}");
        let (dpi, message) = check(&report, "image.dpi").expect("image.dpi row");
        if name == "exif-zero-denominator.jpg" {
            assert_eq!(dpi, "fail", "a zero denominator is no density: {report}");
            assert!(has_chinese(&message), "{message}");
        } else {
            assert_eq!(dpi, "pass", "{name}: the JFIF density stands: {report}");
        }
    }
}

#[test]
fn unusual_codings_are_refused_by_name() {
    let dir = inputs_dir("coding");
    for (name, bytes, needle) in [
        ("twelve-bit.jpg", with_frame(&photo(), 0xC1, 12), "12 位"),
        ("lossless.jpg", with_frame(&photo(), 0xC3, 8), "无损或算术编码"),
        ("arithmetic.jpg", with_frame(&photo(), 0xC9, 8), "无损或算术编码"),
    ] {
        let path = write(&dir, name, &bytes);
        let answer = precheck(&[OsStr::new("photo"), OsStr::new("--json"), path.as_os_str()]);
        assert_eq!(answer.code, Some(1), "{name}: {}", answer.err);
        let (status, message) = check(&report(&answer), "file.format").expect("file.format row");
        assert_eq!(status, "fail", "{name}");
        assert!(message.contains(needle), "{name}: {message}");
    }
}

#[test]
fn scan_bombs_second_images_and_trailing_data() {
    let dir = inputs_dir("structure");
    let mut trailing = photo();
    trailing.extend(std::iter::repeat_n(0x5A, 1 << 20));
    let mut two_sois = vec![0xFF, 0xD8];
    two_sois.extend_from_slice(&photo());
    let cases = [
        ("scan-bomb.jpg", scan_bomb(8000, 5000), Some("扫描段")),
        ("two-soi.jpg", two_sois, Some("多余的图像起始标记")),
        ("trailing-data.jpg", trailing, None),
    ];
    for (name, bytes, refusal) in cases {
        let path = write(&dir, name, &bytes);
        let answer = precheck(&[OsStr::new("photo"), OsStr::new("--json"), path.as_os_str()]);
        let report = report(&answer);
        let (status, message) = check(&report, "file.format").expect("file.format row");
        match refusal {
            Some(needle) => {
                assert_eq!((answer.code, status.as_str()), (Some(1), "fail"), "{name}: {report}");
                assert!(message.contains(needle), "{name}: {message}");
            }
            // The picture before the end marker is whole: judged as it is (too many bytes).
            None => {
                assert_ne!(status, "fail", "{name}: {report}");
                assert_eq!(check(&report, "file.size").map(|c| c.0).as_deref(), Some("fail"), "{report}");
            }
        }
        let fixed = precheck(&[
            OsStr::new("fix"),
            OsStr::new("photo"),
            path.as_os_str(),
            OsStr::new("--out"),
            dir.join("out").as_os_str(),
        ]);
        assert!(matches!(fixed.code, Some(0 | 1)) && has_chinese(&fixed.out), "{name}: {}{}", fixed.out, fixed.err);
    }
    // A scan bomb at the limit is decoded, and in time (precheck asserts the time).
    let at_limit = write(&dir, "scans-at-limit.jpg", &scan_bomb(8000, 99));
    let answer =
        precheck(&[OsStr::new("photo"), OsStr::new("--files-only"), OsStr::new("--json"), at_limit.as_os_str()]);
    assert_ne!(check(&report(&answer), "file.format").map(|c| c.0).as_deref(), Some("fail"), "{}", answer.out);
}

#[test]
fn devices_and_huge_files_are_refused_unread() {
    let dir = inputs_dir("size");
    let sparse = dir.join("sparse-3g.jpg");
    let file = std::fs::File::create(&sparse).expect("create");
    file.set_len(3 << 30).expect("a sparse 3 GB file (what `truncate -s 3G` makes)");
    drop(file);
    for (path, needle) in [(sparse.as_path(), "文件太大"), (Path::new("/dev/zero"), "上限")] {
        if !path.exists() {
            continue;
        }
        for command in ["photo", "document"] {
            let answer = precheck(&[OsStr::new(command), path.as_os_str()]);
            assert_eq!(answer.code, Some(2), "{path:?}: {}", answer.err);
            assert!(answer.err.contains(needle), "{path:?}: {}", answer.err);
        }
    }
    if std::env::var_os("HOSTILE_INPUTS_DIR").is_none() {
        let _ = std::fs::remove_file(&sparse);
    }
}

#[test]
fn long_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = inputs_dir("names");
    let out = dir.join("out");
    // 83 × 3 bytes + ".jpg" = 253 bytes: the fixed name would grow past 255.
    let long = write(&dir, &format!("{}.jpg", "照".repeat(83)), &photo());
    let long_png = write(&dir, &format!("{}.png", "照".repeat(83)), &fixtures::png_rgb8(&fixtures::portrait(450, 600)));
    // "照片.jpg" in GBK, as a Windows ZIP stores it.
    let gbk = dir.join(OsStr::from_bytes(b"\xD5\xD5\xC6\xAC.jpg"));
    std::fs::write(&gbk, photo()).expect("write GBK-named file");

    let answer = precheck(&[
        OsStr::new("fix"),
        OsStr::new("photo"),
        OsStr::new("--files-only"),
        long.as_os_str(),
        long_png.as_os_str(),
        gbk.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(answer.code, Some(0), "{}{}", answer.out, answer.err);
    let mut names: Vec<OsString> =
        std::fs::read_dir(&out).expect("out dir").filter_map(|e| Some(e.ok()?.file_name())).collect();
    names.sort();
    assert_eq!(names.len(), 3, "three files, none overwritten: {names:?}");
    for name in &names {
        assert!(name.len() <= 255, "{name:?} is {} bytes", name.len());
    }
    let names: Vec<String> = names.iter().map(|n| n.to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n.starts_with("照照") && n.ends_with("-合格.jpg")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("照照") && n.ends_with("-合格-2.jpg")), "{names:?}");
    assert!(answer.out.contains("以免覆盖"), "the renamed copy is named: {}", answer.out);
    assert!(answer.err.contains("不是 UTF-8"), "{}", answer.err);

    let answer = precheck(&[OsStr::new("document"), OsStr::new("--json"), gbk.as_os_str()]);
    assert_eq!(answer.code, Some(1), "the name is not an ID number: {}", answer.err);
    assert!(answer.err.contains("GBK"), "{}", answer.err);
    let answer =
        precheck(&[OsStr::new("photo"), OsStr::new("--profile"), OsStr::from_bytes(b"\xD5\xD5"), long.as_os_str()]);
    assert_eq!(answer.code, Some(2));
    assert!(answer.err.contains("UTF-8"), "{}", answer.err);
}
