#!/usr/bin/env bash
# Rebuilds models/*.nnefq (and the model reference fixtures) from MediaPipe's TFLite files.
#
#   tools/models/convert.sh [--bits N]
#
# Creates (once) a Python venv OUTSIDE the repository (~1.5 GB: TensorFlow for the TFLite
# interpreter and tf2onnx), builds the native helper tools/models/onnx2nnef, then runs convert.py.
# Set MODELS_VENV to reuse a venv elsewhere. Only PyPI and crates.io are used.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${MODELS_VENV:-$HOME/.cache/precheck-models-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3.11 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
fi
# Versions checked together (see /work/shared/toolchain.md "Face models"): tf2onnx 1.17 needs
# TensorFlow's converter internals; TF 2.21 still ships tf.lite.Interpreter.
"$venv/bin/pip" install --quiet tensorflow-cpu==2.21.0 tf2onnx==1.17.0 numpy pillow
(cd "$here/onnx2nnef" && cargo build --release --locked -j 2 --quiet)
exec "$venv/bin/python" "$here/convert.py" --onnx2nnef "$here/onnx2nnef/target/release/onnx2nnef" "$@"
