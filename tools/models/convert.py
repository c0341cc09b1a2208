#!/usr/bin/env python3
"""MediaPipe TFLite face models -> packed NNEF files for tract (models/*.nnefq).

Run through tools/models/convert.sh (it makes the venv and builds the native helper). Steps:

1. pip-download the mediapipe 0.10.21 cp311 wheel (no install) and take its three .tflite files and
   its LICENSE; pip-download the matplotlib and scikit-image wheels for the test portraits.
2. tf2onnx: TFLite -> ONNX. selfie_segmentation uses MediaPipe's custom op
   Convolution2DTransposeBias, mapped below to Conv2DBackpropInput (+ an Add for the bias).
3. onnx2nnef convert: ONNX -> NNEF (tract's decluttered graph); onnx2nnef pack: NNEF -> one file
   with 8-bit per-slice weights, a few exceptions (MODELS_SPEC) and small tensors as f16
   (src/face/model/pack.rs describes the format).
4. Verification on grace_hopper: the TFLite interpreter, the f32 ONNX (run by tract) and the packed
   file (run by tract) get the same input tensors; the max abs differences are printed and written to
   tests/fixtures/portraits/model_reference.json together with reference outputs that the Rust tests
   compare against (src/face/model/tests.rs). The model input images are saved as PNG beside it.
"""

import argparse
import json
import math
import pathlib
import subprocess
import sys
import zipfile

import numpy as np
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / "target" / "models-build"
MODELS = ROOT / "models"
FIXTURES = ROOT / "tests" / "fixtures" / "portraits"

MEDIAPIPE = "mediapipe==0.10.21"
MATPLOTLIB = "matplotlib==3.11.2"
SKIMAGE = "scikit-image==0.26.0"

# name in the wheel -> (output name, input size, opset, exceptions to 8-bit weights)
# The exceptions come from a per-tensor sweep (onnx2nnef's PACK_ONLY, measured on the grace_hopper
# inputs): in the detector, quantising conv2d_16 alone moved the box regressors by 2.4 input px and
# everything else together by < 0.5, so it stays f16 (+9 KB gzip). In the mesh, the last layer
# (1404×32×3×3, two thirds of all weights) is stored with 7 bits (−45 KB gzip; points move by
# ≤ 0.7 of 192 input px, about 1 px in a 450×600 photo).
MODELS_SPEC = {
    "face_detection/face_detection_short_range.tflite": ("face_detection_short_range", 128, 13,
                                                         ["conv2d_16.einsum.fix_b"]),
    "face_landmark/face_landmark.tflite": ("face_landmark", 192, 13, ["1404x32x3x3=7"]),
    "selfie_segmentation/selfie_segmentation.tflite": ("selfie_segmentation", 256, 14, []),
}
# Weight tensors with fewer elements (biases, PReLU slopes, small kernels) stay f16.
MIN_QUANT = 1024


def sh(*args):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True)


def download(spec, dest):
    dest.mkdir(parents=True, exist_ok=True)
    name = spec.split("==")[0].replace("-", "_")
    found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(name.lower() + "-" + spec.split("==")[1])]
    if not found:
        sh(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
           "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64", "-d", dest, spec)
        found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(name.lower() + "-" + spec.split("==")[1])]
    return found[0]


def register_transpose_conv_bias():
    """tf2onnx handler for MediaPipe's custom TFLite op Convolution2DTransposeBias.

    Inputs (input NHWC, weights OHWI, bias). Its options are a raw C struct (padding, strides) that
    tf2onnx cannot parse, so the stride is taken from the shapes (the op is only used with SAME padding,
    where out = in × stride)."""
    from tf2onnx import utils
    from tf2onnx.handler import tfl_op

    @tfl_op(["TFL_Convolution2DTransposeBias"], tf_op="Conv2DBackpropInput")
    class TflConvolution2DTransposeBias:
        @classmethod
        def to_tf(cls, ctx, node, **kwargs):
            inp, weights, bias = node.input
            in_shape = ctx.get_shape(inp)
            out_shape = ctx.get_shape(node.output[0])
            sh_, sw_ = out_shape[1] // in_shape[1], out_shape[2] // in_shape[2]
            assert out_shape[1] == in_shape[1] * sh_ and out_shape[2] == in_shape[2] * sw_, (in_shape, out_shape)
            sizes = ctx.make_const(utils.make_name("output_shape"), np.array(out_shape, dtype=np.int32))
            ctx.replace_inputs(node, [sizes.output[0], weights, inp])
            node.set_attr("strides", [1, sh_, sw_, 1])
            node.set_attr("padding", "SAME")
            node.set_attr("data_format", "NHWC")
            # TFLite weights are OHWI; TF's Conv2DBackpropInput wants HWOI (as tf2onnx's TRANSPOSE_CONV).
            t = ctx.insert_new_node_on_input(node, "Transpose", node.input[1], perm=[1, 2, 0, 3])
            t.skip_conversion = True
            add = ctx.insert_new_node_on_output("Add", node.output[0], inputs=[node.output[0], bias])
            add.skip_conversion = True
            ctx.copy_shape(node.output[0], add.output[0])
            ctx.copy_dtype(node.output[0], add.output[0])


def tflite_run(path, x):
    import tensorflow as tf
    it = tf.lite.Interpreter(model_path=str(path))
    it.allocate_tensors()
    it.set_tensor(it.get_input_details()[0]["index"], x)
    it.invoke()
    return [it.get_tensor(d["index"]).copy() for d in it.get_output_details()]


def tract_run(tool, model, x, tag):
    n, h, w, _ = x.shape
    inp = BUILD / f"{tag}.input.f32"
    inp.write_bytes(x.astype("<f4").tobytes())
    out = BUILD / f"{tag}.out"
    subprocess.run([str(tool), "run", str(model), str(inp), str(h), str(w), str(out)], check=True,
                   stderr=subprocess.DEVNULL)
    outs = []
    i = 0
    while (BUILD / f"{tag}.out.{i}.f32").exists():
        outs.append(np.frombuffer((BUILD / f"{tag}.out.{i}.f32").read_bytes(), dtype="<f4"))
        (BUILD / f"{tag}.out.{i}.f32").unlink()
        i += 1
    return outs


def letterbox(img, size):
    """Pads to a centred square with black (MediaPipe's keep_aspect_ratio + BORDER_ZERO), resizes."""
    w, h = img.size
    side = max(w, h)
    sq = Image.new("RGB", (side, side))
    sq.paste(img, ((side - w) // 2, (side - h) // 2))
    return sq.resize((size, size), Image.BILINEAR), side, ((side - w) // 2, (side - h) // 2)


def anchors_128():
    """SsdAnchorsCalculator for face_detection_short_range: strides 8,16,16,16, two anchors per
    layer (aspect 1.0 + interpolated), fixed size: 16×16×2 + 8×8×6 = 896 centres."""
    out = []
    for stride, per_cell in ((8, 2), (16, 6)):
        n = 128 // stride
        for y in range(n):
            for x in range(n):
                out.extend([((x + 0.5) / n, (y + 0.5) / n)] * per_cell)
    return np.array(out, dtype=np.float32)


def to_tensor(img, lo, hi):
    a = np.asarray(img, dtype=np.float32) / 255.0
    return (a * (hi - lo) + lo)[None].astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx2nnef", required=True)
    ap.add_argument("--bits", type=int, default=8)
    args = ap.parse_args()
    tool = pathlib.Path(args.onnx2nnef)
    BUILD.mkdir(parents=True, exist_ok=True)
    MODELS.mkdir(exist_ok=True)
    FIXTURES.mkdir(parents=True, exist_ok=True)

    # 1. Sources.
    wheels = BUILD / "wheels"
    mp = download(MEDIAPIPE, wheels)
    with zipfile.ZipFile(mp) as z:
        for inner in MODELS_SPEC:
            (BUILD / pathlib.Path(inner).name).write_bytes(z.read("mediapipe/modules/" + inner))
        licence = z.read("mediapipe-0.10.21.dist-info/LICENSE").decode()
    with zipfile.ZipFile(download(MATPLOTLIB, wheels)) as z:
        (BUILD / "grace_hopper.jpg").write_bytes(z.read("matplotlib/mpl-data/sample_data/grace_hopper.jpg"))
    with zipfile.ZipFile(download(SKIMAGE, wheels)) as z:
        (BUILD / "astronaut.png").write_bytes(z.read("skimage/data/astronaut.png"))
    (FIXTURES / "grace_hopper.jpg").write_bytes((BUILD / "grace_hopper.jpg").read_bytes())
    Image.open(BUILD / "astronaut.png").convert("RGB").save(FIXTURES / "astronaut.jpg", quality=90)
    (MODELS / "NOTICE").write_text(NOTICE_HEAD + licence)

    # 2.-3. Conversion.
    import tf2onnx
    register_transpose_conv_bias()
    for inner, (name, size, opset, keep) in MODELS_SPEC.items():
        tfl = BUILD / pathlib.Path(inner).name
        onnx_path = BUILD / f"{name}.onnx"
        tf2onnx.convert.from_tflite(str(tfl), opset=opset, output_path=str(onnx_path))
        sh(tool, "convert", onnx_path, size, size, BUILD / f"{name}.nnef")
        sh(tool, "pack", BUILD / f"{name}.nnef", args.bits, MIN_QUANT, MODELS / f"{name}.nnefq", *keep)

    # 4. Verification and reference numbers on grace_hopper.
    img = Image.open(BUILD / "grace_hopper.jpg").convert("RGB")
    ref = {"source": "tools/models/convert.py; TFLite interpreter (tensorflow-cpu 2.21) on the PNG inputs",
           "bits": args.bits}
    report = []

    def check(name, x, tag):
        tfl = tflite_run(BUILD / f"{name}.tflite", x)
        onnx = tract_run(tool, BUILD / f"{name}.onnx", x, tag + "-onnx")
        packed = tract_run(tool, MODELS / f"{name}.nnefq", x, tag + "-packed")
        diffs = {}
        for i, t in enumerate(tfl):
            t = t.reshape(-1)
            diffs[f"output{i}"] = {
                "onnx_f32_max_abs_diff": float(np.abs(onnx[i] - t).max()),
                "packed_max_abs_diff": float(np.abs(packed[i] - t).max()),
                "tflite_abs_max": float(np.abs(t).max()),
            }
            report.append((name, i, diffs[f"output{i}"]))
        return [t.reshape(-1) for t in tfl], diffs, packed

    # Detector: letterboxed to 128, values in [-1, 1].
    det_img, side, (px, py) = letterbox(img, 128)
    det_img.save(FIXTURES / "grace_hopper_detector_input.png")
    (reg, cls), diffs, (p_reg, p_cls) = check("face_detection_short_range", to_tensor(det_img, -1, 1), "det")
    reg = reg.reshape(896, 16)
    best = int(np.argmax(cls))
    likely = cls > -2.2  # score > 0.1: the anchors that can matter
    diffs["likely_anchors_regressor_max_abs_diff"] = float(np.abs(reg[likely] - p_reg.reshape(896, 16)[likely]).max())
    diffs["likely_anchors_score_max_abs_diff"] = float(np.abs(
        1 / (1 + np.exp(-cls[likely].astype(np.float64))) - 1 / (1 + np.exp(-p_cls[likely].astype(np.float64)))).max())
    a = anchors_128()[best]
    raw = reg[best] / 128.0
    cx, cy, bw, bh = raw[0] + a[0], raw[1] + a[1], raw[2], raw[3]
    kps = [(raw[4 + 2 * k] + a[0], raw[5 + 2 * k] + a[1]) for k in range(6)]

    def to_img(x, y):
        return [float(x * side - px), float(y * side - py)]

    ref["detector"] = {
        "input_png": "grace_hopper_detector_input.png",
        "best_anchor": best,
        "score": float(1 / (1 + math.exp(-cls[best]))),
        "regressors": [float(v) for v in reg[best]],
        "faces_over_0_5": int((cls > 0).sum()),
        "best_box_in_image": {"x": to_img(cx - bw / 2, cy - bh / 2)[0], "y": to_img(cx - bw / 2, cy - bh / 2)[1],
                              "width": float(bw * side), "height": float(bh * side)},
        "best_keypoints_in_image": [to_img(*k) for k in kps],
        "diffs": diffs,
    }

    # Mesh: axis-aligned square crop 1.5 × the box (the Rust pipeline also rotates; this input only
    # checks the model), resized to 192, values in [0, 1].
    ccx, ccy = (cx * side - px), (cy * side - py)
    half = 1.5 * max(bw, bh) * side / 2
    crop = img.crop((round(ccx - half), round(ccy - half), round(ccx + half), round(ccy + half))).resize(
        (192, 192), Image.BILINEAR)
    crop.save(FIXTURES / "grace_hopper_mesh_input.png")
    (lm, flag), diffs, _ = check("face_landmark", to_tensor(crop, 0, 1), "mesh")
    lm = lm.reshape(468, 3)
    idx = [1, 4, 10, 33, 61, 105, 133, 152, 199, 263, 291, 334, 362]
    ref["mesh"] = {
        "input_png": "grace_hopper_mesh_input.png",
        "presence": float(1 / (1 + math.exp(-flag[0]))),
        "points": {str(i): [float(v) for v in lm[i]] for i in idx},
        "diffs": diffs,
    }

    # Segmenter: letterboxed to 256, values in [0, 1].
    seg_img, _, _ = letterbox(img, 256)
    seg_img.save(FIXTURES / "grace_hopper_segmenter_input.png")
    (mask,), diffs, packed = check("selfie_segmentation", to_tensor(seg_img, 0, 1), "seg")
    mask = mask.reshape(256, 256)
    diffs["mean_abs_diff"] = float(np.abs(mask.reshape(-1) - packed[0]).mean())
    ref["segmenter"] = {
        "input_png": "grace_hopper_segmenter_input.png",
        "grid": [[float(mask[y, x]) for x in range(16, 256, 32)] for y in range(16, 256, 32)],
        "mean": float(mask.mean()),
        "diffs": diffs,
    }

    (FIXTURES / "model_reference.json").write_text(json.dumps(ref, indent=1) + "\n")
    print("\nmodel                        out  onnx-f32 diff  packed diff   |tflite| max")
    for name, i, d in report:
        print(f"{name:28s} {i:3d}  {d['onnx_f32_max_abs_diff']:12.2e}  {d['packed_max_abs_diff']:11.2e}"
              f"  {d['tflite_abs_max']:10.3f}")
    print("\nsizes:")
    import gzip
    for p in sorted(MODELS.glob("*.nnefq")):
        raw_b = p.read_bytes()
        print(f"  {p.name:36s} {len(raw_b):9d} B raw {len(gzip.compress(raw_b, 9)):9d} B gzip -9")


NOTICE_HEAD = """The files in this folder are converted from MediaPipe's models
(face_detection_short_range.tflite, face_landmark.tflite, selfie_segmentation.tflite, as shipped in the
PyPI wheel mediapipe 0.10.21 under mediapipe/modules/) by tools/models/convert.py: converted to ONNX
(tf2onnx), then to NNEF (tract), with most weights re-stored as 8-bit (the mesh's last layer 7-bit) integers with
per-slice scales and the rest as f16.

Copyright The MediaPipe Authors. Licensed under the Apache License, Version 2.0 (below).
Modifications: format conversion and weight quantisation as described above; no retraining.

"""

if __name__ == "__main__":
    main()
