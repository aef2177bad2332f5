#!/usr/bin/python3
"""Independent reference for Montage's image preprocessing (io.montage.models.vision.preprocess).

Written from Hugging Face's image-processor algorithm (transformers CLIPImageProcessor /
ViTImageProcessor with image_transforms.resize, center_crop, rescale, normalize), using Pillow for the
resize exactly as transformers does, and numpy for the rest. It shares no code with the Java side.

    apt-get install -y python3-pil python3-numpy
    /usr/bin/python3 models/tools/pixel_reference.py samples   # (re)draws the sample images
    /usr/bin/python3 models/tools/pixel_reference.py           # writes the .f32 tensors

Tensors are raw float32 little-endian, shape [3, H, W] (channels first, as pixel_values), named
<image stem>.<preset>.f32 next to the images in models/src/test/resources/vision/.
"""
import math
import os
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "vision")

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]   # openai/clip-vit-base-patch32 preprocessor_config.json
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
IMAGENET_MEAN = [0.485, 0.456, 0.406]             # Florence-2-base-ft preprocessor_config.json
IMAGENET_STD = [0.229, 0.224, 0.225]

# name -> (size rule, resample, crop (h, w) or None, mean, std)
PRESETS = {
    "clip": (("shortest_edge", 224), Image.BICUBIC, (224, 224), CLIP_MEAN, CLIP_STD),
    "vit-gpt2": (("exact", 224, 224), Image.BILINEAR, None, [0.5] * 3, [0.5] * 3),
    # Florence-2's rule (exact size, bicubic, ImageNet statistics) at a size small enough to commit.
    "imagenet-96x80": (("exact", 80, 96), Image.BICUBIC, None, IMAGENET_MEAN, IMAGENET_STD),
}

FIXTURES = {
    "photo-720x480.png": ["clip", "vit-gpt2", "imagenet-96x80"],
    "portrait-rgba-260x410.png": ["clip"],
    "gray-97x61.png": ["clip", "vit-gpt2"],
    "palette-257x229.png": ["clip"],
}


def output_size(width, height, rule):
    """transformers get_resize_output_image_size(default_to_square=False) for shortest_edge; (h, w) given for exact."""
    if rule[0] == "exact":
        return rule[2], rule[1]
    size = rule[1]
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def center_crop(array, crop_h, crop_w):
    """transformers.image_transforms.center_crop on an HWC array, zero padding when the crop is larger."""
    h, w = array.shape[:2]
    top = (h - crop_h) // 2
    left = (w - crop_w) // 2
    if top >= 0 and left >= 0 and top + crop_h <= h and left + crop_w <= w:
        return array[top:top + crop_h, left:left + crop_w]
    new_h, new_w = max(crop_h, h), max(crop_w, w)
    padded = np.zeros((new_h, new_w) + array.shape[2:], dtype=array.dtype)
    top_pad = math.ceil((new_h - h) / 2)
    left_pad = math.ceil((new_w - w) / 2)
    padded[top_pad:top_pad + h, left_pad:left_pad + w] = array
    top += top_pad
    left += left_pad
    return padded[max(0, top):min(new_h, top + crop_h), max(0, left):min(new_w, left + crop_w)]


def pixel_values(path, preset):
    rule, resample, crop, mean, std = PRESETS[preset]
    image = Image.open(path)
    if image.mode != "RGB":
        image = image.convert("RGB")   # do_convert_rgb: alpha is dropped, not composited
    width, height = image.size
    new_w, new_h = output_size(width, height, rule)
    image = image.resize((new_w, new_h), resample=resample, reducing_gap=None)
    array = np.asarray(image)          # HWC uint8
    if crop is not None:
        array = center_crop(array, *crop)
    rescaled = (array.astype(np.float64) * (1 / 255)).astype(np.float32)
    normalised = (rescaled - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
    return np.ascontiguousarray(normalised.transpose(2, 0, 1)).astype("<f4")


def smooth_noise(rng, h, w, cell):
    """Low-frequency texture: coarse random grid upsampled bilinearly (numpy only)."""
    gh, gw = h // cell + 2, w // cell + 2
    grid = rng.random((gh, gw))
    ys = np.linspace(0, gh - 1.001, h)
    xs = np.linspace(0, gw - 1.001, w)
    y0, x0 = ys.astype(int), xs.astype(int)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    a = grid[y0][:, x0]
    b = grid[y0][:, x0 + 1]
    c = grid[y0 + 1][:, x0]
    d = grid[y0 + 1][:, x0 + 1]
    return a * (1 - fy) * (1 - fx) + b * (1 - fy) * fx + c * fy * (1 - fx) + d * fy * fx


def landscape(rng, h, w):
    """Sky gradient, sun, hills, a building with a window grid (fine detail that aliases if not filtered)."""
    y = np.linspace(0, 1, h)[:, None]
    x = np.linspace(0, 1, w)[None, :]
    img = np.zeros((h, w, 3))
    img[..., 0] = 90 + 100 * y
    img[..., 1] = 140 + 80 * y
    img[..., 2] = 230 - 40 * y
    sun = (x - 0.78) ** 2 + ((y - 0.2) * h / w) ** 2 < 0.004
    img[sun] = [255, 236, 170]
    hill = y > 0.62 + 0.08 * np.sin(x * 9) + 0.04 * np.cos(x * 23)
    tex = smooth_noise(rng, h, w, 12)
    img[..., 0] = np.where(hill, 50 + 60 * tex, img[..., 0])
    img[..., 1] = np.where(hill, 110 + 70 * tex, img[..., 1])
    img[..., 2] = np.where(hill, 40 + 30 * tex, img[..., 2])
    bx0, bx1, by0, by1 = int(0.15 * w), int(0.38 * w), int(0.3 * h), int(0.8 * h)
    img[by0:by1, bx0:bx1] = [150, 120, 105]
    for wy in range(by0 + 6, by1 - 8, 12):
        for wx in range(bx0 + 5, bx1 - 6, 9):
            img[wy:wy + 6, wx:wx + 4] = [250, 240, 190] if (wx + wy) % 3 else [30, 35, 60]
    return img


def make_samples():
    rng = np.random.default_rng(20240607)
    os.makedirs(OUT, exist_ok=True)
    photo = landscape(rng, 480, 720)
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB").save(os.path.join(OUT, "photo-720x480.png"), optimize=True)

    portrait = landscape(rng, 410, 260)[..., ::-1] * 0.9 + 20 * smooth_noise(rng, 410, 260, 5)[..., None]
    alpha = np.clip(255 * np.linspace(0.2, 1.0, 260)[None, :] * np.ones((410, 1)), 0, 255)
    rgba = np.dstack([np.clip(portrait, 0, 255), alpha]).astype(np.uint8)
    Image.fromarray(rgba, "RGBA").save(os.path.join(OUT, "portrait-rgba-260x410.png"), optimize=True)

    gray = 255 * smooth_noise(rng, 61, 97, 6)
    gray[20:40, 30:34] = 255
    gray[10:12, :] = 0
    Image.fromarray(gray.astype(np.uint8), "L").save(os.path.join(OUT, "gray-97x61.png"), optimize=True)

    pal = Image.fromarray(np.clip(landscape(rng, 229, 257), 0, 255).astype(np.uint8), "RGB")
    pal.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        os.path.join(OUT, "palette-257x229.png"), optimize=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "samples":
        make_samples()
        return
    for name, presets in FIXTURES.items():
        for preset in presets:
            tensor = pixel_values(os.path.join(OUT, name), preset)
            target = os.path.join(OUT, name.rsplit(".", 1)[0] + "." + preset + ".f32")
            tensor.tofile(target)
            print(f"{target}: {list(tensor.shape)} min {tensor.min():.4f} max {tensor.max():.4f}")


if __name__ == "__main__":
    main()
