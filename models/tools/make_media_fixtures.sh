#!/usr/bin/env bash
# Regenerates the small media fixtures under models/src/test/resources/media/.
# Needs (Debian 12): ffmpeg (with libx264, libwebp, libopus, libmp3lame, drawtext), sox, espeak-ng,
#                    libheif-examples (heif-enc), fonts-dejavu-core.
#   apt-get update && apt-get install -y ffmpeg sox espeak-ng libheif-examples fonts-dejavu-core
# Bad-input fixtures (truncated, random, oversized headers) are made in test code, not here.
# Every file must stay under 200 KB; the script checks that at the end.
set -euo pipefail
cd "$(dirname "$0")/../src/test/resources/media"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# Images: one 320x240 test card per format, the same picture so dimensions are comparable.
ff -f lavfi -i "testsrc2=size=320x240:duration=1,drawtext=fontfile=$FONT:text='Montage':fontsize=40:fontcolor=white:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=(h-th)/2" \
   -frames:v 1 -q:v 4 sample-text.jpg
ff -i sample-text.jpg -frames:v 1 image-320x240.png
ff -i sample-text.jpg -frames:v 1 -c:v libwebp -quality 70 image-320x240.webp
ff -i sample-text.jpg -frames:v 1 image-320x240.gif
heif-enc -q 60 -o image-320x240.heic image-320x240.png >/dev/null
# An unrelated picture for the perceptual-hash tests (Mandelbrot, nothing like the test card).
ff -f lavfi -i "mandelbrot=size=320x240" -frames:v 1 -q:v 4 unrelated-320x240.jpg

# Audio: 1.5 s of 440 Hz in each container, so duration/sample-rate assertions are exact.
ff -f lavfi -i "sine=frequency=440:sample_rate=16000:duration=1.5" -ac 2 -c:a pcm_s16le tone-1500ms-16k-stereo.wav
ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=1.5" -ac 1 -c:a libmp3lame -b:a 64k tone-1500ms-44k1-mono.mp3
ff -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=1.5" -ac 2 -c:a libopus -b:a 48k tone-1500ms-48k-stereo.opus
ff -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=1.5" -ac 1 -c:a flac tone-1500ms-22k05-mono.flac
ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=1.5" -ac 2 -c:a aac -b:a 64k tone-1500ms-44k1-stereo.m4a
# 8 s MP3 with a Xing header (declared duration): cut in half by a test, it must be caught as truncated.
ff -f lavfi -i "sine=frequency=300:sample_rate=22050:duration=8" -ac 1 -c:a libmp3lame -b:a 24k tone-8s-22k05-mono.mp3
# 0.3 s at 44.1 kHz: the resampler's tail is a noticeable share of so short a clip.
ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=0.3" -ac 1 -c:a pcm_s16le tone-300ms-44k1-mono.wav

# Demo speech clip.
espeak-ng -w /tmp/montage-speech.wav "Montage turns uploads into understanding"
ff -i /tmp/montage-speech.wav -c:a libopus -b:a 24k speech-montage.ogg
rm -f /tmp/montage-speech.wav

# Video: 2 s H.264 test pattern with a tone, moov atom first (faststart) like a well-formed upload.
ff -f lavfi -i "testsrc=size=320x240:rate=25:duration=2" -f lavfi -i "sine=frequency=660:duration=2" \
   -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -c:a aac -b:a 48k -shortest -movflags +faststart clip-2s-320x240.mp4

for f in *; do
  size=$(stat -c %s "$f")
  if [ "$size" -ge 204800 ]; then echo "$f is $size bytes, over the 200 KB fixture limit" >&2; exit 1; fi
done
ls -l
