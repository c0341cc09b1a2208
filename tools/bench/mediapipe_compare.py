"""MediaPipe's own native runtime on the same photos, for comparison with `precheck photo`.

Run by tools/bench/compare-cli.sh (dev only; never part of the site or the tests). For each photo:
decode, shrink to at most 1024 px (what precheck's models see), then face detection (short range),
the 468-point face mesh and the selfie segmentation — the three models precheck runs — with
MediaPipe 0.10.21's Python solutions API on CPU. Prints the wall time for all photos and the CPU
time of this process over the same span (all its threads).
"""

import sys
import time

import cv2
import mediapipe as mp


def main(paths):
    started = time.perf_counter()
    cpu_started = time.process_time()
    detection = mp.solutions.face_detection.FaceDetection(model_selection=0, min_detection_confidence=0.5)
    mesh = mp.solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=1)
    segmentation = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
    loaded = time.perf_counter()
    faces = 0
    for path in paths:
        image = cv2.imread(path)
        h, w = image.shape[:2]
        k = min(1.0, 1024 / max(h, w))
        if k < 1.0:
            image = cv2.resize(image, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        found = detection.process(rgb).detections or []
        faces += len(found)
        mesh.process(rgb)
        segmentation.process(rgb)
    done = time.perf_counter()
    cpu = time.process_time() - cpu_started
    print(
        f"mediapipe photos={len(paths)} faces={faces} load_s={loaded - started:.2f} "
        f"total_s={done - started:.2f} cpu_s={cpu:.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
