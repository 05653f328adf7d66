#!/usr/bin/env bash
# Builds .venv-ref, the real Python reference stack that some tests compare against (torch, transformers,
# tokenizers, datasets, huggingface_hub, numpy), from the machine's local wheel store: pip's configured
# extra indexes become the only indexes, so pip never waits on the unreachable default index. Skipped when
# the venv already holds the pinned versions. The hub itself never needs Python.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
VENV=.venv-ref
PINS=(torch==2.13.0+cpu transformers==5.17.0 tokenizers==0.23.2 datasets==5.0.1 huggingface_hub==1.33.0 numpy==2.4.6 scipy safetensors)
STAMP="$VENV/.pins"
if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "${PINS[*]}" ]; then
  echo "reference venv is up to date"
  exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
IDX=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'/\1/p")
if [ -n "$IDX" ]; then
  "$VENV/bin/pip" install -q --index-url "${IDX%% *}" --extra-index-url "${IDX##* }" "${PINS[@]}"
else
  "$VENV/bin/pip" install -q "${PINS[@]}"
fi
echo "${PINS[*]}" > "$STAMP"
"$VENV/bin/python" -c "import torch, transformers, tokenizers, datasets, huggingface_hub, numpy; print('reference venv: torch', torch.__version__, 'transformers', transformers.__version__, 'tokenizers', tokenizers.__version__, 'datasets', datasets.__version__, 'huggingface_hub', huggingface_hub.__version__, 'numpy', numpy.__version__)"
