"""Base-model checkpoints through a running hub with the real clients, for the checkpoint round-trip test.

For each family: transformers writes a random-init checkpoint (embed_parity.build: save_pretrained, the real
layout), the stock huggingface_hub client creates a model repo on the hub (HF_ENDPOINT) and upload_folder's it,
then transformers loads tokenizer and model back *from the hub* by repo id (a fresh HF_HOME, so every byte comes
over HTTP) and embeds the texts with hfselect's recipe. Reports what it uploaded, what the hub says, and the vectors.

stdin:  {"texts": [...], "owner": "alice", "workdir": "/tmp/...", "names": ["bert", ...]}
stdout: {"models": [{"name", "repo_id", "commit", "sha", "files", "info_id", "embeddings"}]}
"""
import json
import os
import sys

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from huggingface_hub import HfApi  # noqa: E402

import embed_parity  # noqa: E402


def main():
    request = json.load(sys.stdin)
    api = HfApi()
    out = []
    for name in request["names"]:
        folder = embed_parity.build(name, request["texts"], os.path.join(request["workdir"], "local"))
        repo_id = f"{request['owner']}/{name}-checkpoint"
        api.create_repo(repo_id, repo_type="model", exist_ok=True)
        commit = api.upload_folder(repo_id=repo_id, folder_path=folder, commit_message=f"Upload {name} checkpoint")
        info = api.model_info(repo_id, files_metadata=True)
        # Loaded through HF_ENDPOINT by id: snapshot files land in the fresh cache, nothing is read from `folder`.
        embeddings = embed_parity.embed(repo_id, request["texts"])
        out.append({
            "name": name,
            "repo_id": repo_id,
            "commit": commit.oid,
            "sha": info.sha,
            "info_id": info.id,
            "files": sorted(s.rfilename for s in info.siblings),
            "embeddings": embeddings,
        })
    json.dump({"models": out}, sys.stdout)


if __name__ == "__main__":
    main()
