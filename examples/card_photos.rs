//! Dev tool for the class benchmark (`tests/e2e/class-memory.mjs` with `CARDS=1`): writes phone
//! photos of FICTIONAL ID cards (the generator of `document::card::synthetic`, with its "样例" mark),
//! one per given ID number, named `<ID>身份证.jpg` as parents name them.
//!
//!   cargo run --profile cli --example card_photos -- OUT_DIR WIDTH HEIGHT ID...
//!
//! Each card lies on a desk, wood or cloth, turned a few degrees and seen slightly from the side,
//! filling about 60 % of the width: the everyday phone photo of the card page's issue.

use precheck::document::card::synthetic::{Background, Rng, Scene, photo};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, width, height, ids @ ..] = args.as_slice() else {
        eprintln!("usage: card_photos OUT_DIR WIDTH HEIGHT ID...");
        std::process::exit(2);
    };
    let (Ok(width), Ok(height)) = (width.parse::<u32>(), height.parse::<u32>()) else {
        eprintln!("WIDTH and HEIGHT are pixel counts");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).expect("the output folder can be made");
    for (n, id) in ids.iter().enumerate() {
        let file = Path::new(out).join(format!("{id}身份证.jpg"));
        if file.exists() {
            continue;
        }
        let seed = n as u64 + 1;
        let mut rng = Rng::new(seed);
        let mut scene = Scene::simple(width, height, seed);
        scene.background = [Background::Desk, Background::Wood, Background::Cloth][n % 3];
        let card = scene.card.as_mut().expect("a simple scene has a card");
        card.holder.number = id.clone();
        card.rotation = rng.range(-8.0, 8.0);
        card.fy = rng.range(-0.1, 0.1);
        card.shadow = true;
        let (img, _) = photo(&scene);
        let bytes = precheck::imaging::jpeg_write::encode(&img, 92, 72).expect("the photo encodes");
        std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        println!("{} {} B", file.display(), std::fs::metadata(&file).map_or(0, |m| m.len()));
    }
}
