#!/usr/bin/env bash
# Regenerates the speech fixtures under models/src/test/resources/audio/ and the log-mel reference
# that models/tools/logmel_reference.py computes from them.
# Needs (Debian 12): espeak-ng, sox, python3-numpy.
#   apt-get update && apt-get install -y espeak-ng sox python3-numpy
#
# phrases-16k.flac (lossless FLAC, to keep the committed files small; the tests decode it with
# FfmpegAudioDecoder like any upload): lead silence, phrase, 1.0 s silence, phrase, 0.7 s silence, phrase, tail silence.
# Each phrase is spoken by espeak-ng and trimmed with sox `silence` (front and back), so the pieces
# are speech-tight and the speech boundaries follow exactly from the pieces' sample counts; they are
# written to phrases-16k.json for the VAD tests.
# hello-16k.wav: one short phrase, the input of the log-mel reference (kept short so that the
# reference output stays small).
set -euo pipefail
TOOLS="$(cd "$(dirname "$0")" && pwd)"
OUT="$TOOLS/../src/test/resources/audio"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RATE=16000

# espeak-ng writes 22.05 kHz; sox resamples (-D: no dither, so reruns give the same bytes) to 16 kHz mono 16-bit and trims silence below 0.5 %
# of full scale lasting at least 10 ms from both ends (reverse, trim the front, reverse back).
speak() { # name text
  espeak-ng -v en-us -s 150 -w "$WORK/$1-raw.wav" "$2"
  sox -D "$WORK/$1-raw.wav" -r $RATE -c 1 -b 16 "$WORK/$1.wav" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse
}
silence() { # name seconds
  sox -D -n -r $RATE -c 1 -b 16 "$WORK/$1.wav" trim 0 "$2"
}
samples() { soxi -s "$WORK/$1.wav"; }

speak p1 "The quick brown fox"
speak p2 "Montage listens to every upload"
speak p3 "Silence is not speech"
silence lead 0.3
silence gap1 1.0
silence gap2 0.7
silence tail 0.4

pieces=(lead p1 gap1 p2 gap2 p3 tail)
texts=("" "The quick brown fox" "" "Montage listens to every upload" "" "Silence is not speech" "")
position=0
segments=""
for i in "${!pieces[@]}"; do
  n=$(samples "${pieces[$i]}")
  if [[ -n "${texts[$i]}" ]]; then
    [[ -n "$segments" ]] && segments+=","
    segments+=$'\n'"    {\"startSample\": $position, \"endSample\": $((position + n)), \"text\": \"${texts[$i]}\"}"
  fi
  position=$((position + n))
done
files=()
for p in "${pieces[@]}"; do files+=("$WORK/$p.wav"); done
sox -D "${files[@]}" "$OUT/phrases-16k.flac"
cat > "$OUT/phrases-16k.json" <<JSON
{
  "file": "phrases-16k.flac",
  "sampleRate": $RATE,
  "samples": $position,
  "speech": [$segments
  ]
}
JSON

speak hello "Hello from Montage"
cp "$WORK/hello.wav" "$OUT/hello-16k.wav"

/usr/bin/python3 "$TOOLS/logmel_reference.py" "$OUT/hello-16k.wav" "$OUT/hello-16k-logmel.npz"

total=$(du -cb "$OUT"/* | tail -1 | cut -f1)
echo "audio fixtures: $total bytes in $OUT"
if (( total > 300 * 1024 )); then
  echo "audio fixtures exceed 300 KB; shorten the phrases" >&2
  exit 1
fi
