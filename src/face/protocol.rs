//! The observation as packed numbers, for the trip from the face-analysis Web Worker to the page
//! (the messages themselves are described in `photo::worker`).
//!
//! The worker's `observed` answer carries `data: Float32Array` (the observation packed by
//! [`encode_observation`]) and `mask: Uint8Array`. Packed numbers rather than JSON: decoding a
//! derived-serde observation costs the page's own wasm ~20 KB, and the page's first load has a hard
//! size budget.

use super::{BoxF, Detection, FaceObservation, Landmarks, PersonMask, Point};

/// Numbers per detection: score, box (4), six keypoints (12).
const PER_FACE: usize = 17;
/// Points in the MediaPipe face mesh.
const MESH_POINTS: usize = 468;

/// Packs the observation (without the mask bytes, which travel separately).
/// Layout: `width, height, n, n × [score, x, y, w, h, 6 × (x, y)], has_mesh, [presence, 468 × (x, y, z)], mask_w, mask_h`.
pub fn encode_observation(o: &FaceObservation) -> (Vec<f32>, Vec<u8>) {
    let mut v = vec![o.width as f32, o.height as f32, o.faces.len() as f32];
    for d in &o.faces {
        v.extend([d.score, d.bbox.x, d.bbox.y, d.bbox.width, d.bbox.height]);
        for p in [d.right_eye, d.left_eye, d.nose_tip, d.mouth, d.right_ear, d.left_ear] {
            v.extend([p.x, p.y]);
        }
    }
    match &o.landmarks {
        Some(l) if l.points.len() == MESH_POINTS => {
            v.extend([1.0, l.presence]);
            v.extend(l.points.iter().flatten());
        }
        _ => v.push(0.0),
    }
    v.extend([o.mask.width as f32, o.mask.height as f32]);
    (v, o.mask.data.clone())
}

/// Unpacks what [`encode_observation`] wrote. A short or inconsistent buffer is an error, never a
/// panic; a mask of the wrong length becomes all background (the checks then say no person).
pub fn decode_observation(v: &[f32], mask: Vec<u8>) -> Result<FaceObservation, String> {
    let bad = || "人脸分析程序的结果无法读取。".to_owned();
    let mut it = v.iter().copied();
    let mut next = || it.next().filter(|x| x.is_finite()).ok_or_else(bad);
    let size = |x: f32| if (0.0..=100_000.0).contains(&x) { Ok(x as u32) } else { Err(bad()) };
    let (width, height) = (size(next()?)?, size(next()?)?);
    let n = size(next()?)? as usize;
    if n > 64 {
        return Err(bad());
    }
    let mut faces = Vec::with_capacity(n);
    for _ in 0..n {
        let mut f = [0f32; PER_FACE];
        for x in f.iter_mut() {
            *x = next()?;
        }
        let p = |i: usize| Point { x: f[5 + 2 * i], y: f[6 + 2 * i] };
        faces.push(Detection {
            score: f[0],
            bbox: BoxF { x: f[1], y: f[2], width: f[3], height: f[4] },
            right_eye: p(0),
            left_eye: p(1),
            nose_tip: p(2),
            mouth: p(3),
            right_ear: p(4),
            left_ear: p(5),
        });
    }
    let landmarks = if next()? == 1.0 {
        let presence = next()?;
        let mut points = Vec::with_capacity(MESH_POINTS);
        for _ in 0..MESH_POINTS {
            points.push([next()?, next()?, next()?]);
        }
        Some(Landmarks { presence, points })
    } else {
        None
    };
    let (mw, mh) = (size(next()?)?, size(next()?)?);
    let expected = mw as usize * mh as usize;
    let data = if mask.len() == expected { mask } else { vec![0; expected] };
    Ok(FaceObservation { width, height, faces, landmarks, mask: PersonMask { width: mw, height: mh, data } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::content::synthetic::{FaceSpec, observation};

    fn sample() -> FaceObservation {
        observation(
            450,
            600,
            &[FaceSpec::framed(40.0, 440.0, 225.0), FaceSpec::upright(Point { x: 100.0, y: 100.0 }, 80.0)],
        )
    }

    #[test]
    fn an_observation_survives_packing_exactly() {
        let original = sample();
        assert!(original.landmarks.is_some() && original.faces.len() == 2);
        let (data, mask) = encode_observation(&original);
        assert_eq!(decode_observation(&data, mask).unwrap(), original);
        let none = FaceObservation { faces: vec![], landmarks: None, ..sample() };
        let (data, mask) = encode_observation(&none);
        assert_eq!(decode_observation(&data, mask).unwrap(), none);
    }

    #[test]
    fn a_mask_of_the_wrong_length_becomes_all_background() {
        let (data, _) = encode_observation(&sample());
        let o = decode_observation(&data, vec![1, 2, 3]).unwrap();
        assert_eq!(o.mask.data.len(), 450 * 600);
        assert!(o.mask.data.iter().all(|&b| b == 0));
    }

    #[test]
    fn short_or_garbage_buffers_are_errors_not_panics() {
        let (data, mask) = encode_observation(&sample());
        for cut in [0, 1, 3, 10, data.len() / 2, data.len() - 1] {
            assert!(decode_observation(&data[..cut], mask.clone()).is_err(), "cut at {cut}");
        }
        assert!(decode_observation(&[f32::NAN; 8], vec![]).is_err());
        assert!(decode_observation(&[1.0, 1.0, 1e9], vec![]).is_err());
        assert!(decode_observation(&[-5.0, 1.0, 0.0, 0.0, 1.0, 1.0], vec![]).is_err());
    }
}
