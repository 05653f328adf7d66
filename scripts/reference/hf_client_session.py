"""An ordinary session of the stock `huggingface_hub` client against a hub: publish, inspect, download, delete.

The hub and the token come from the environment (HF_ENDPOINT, HF_TOKEN; HF_HOME points at a throw-away cache).
stdin: {"owner": "alice", "esm_folder": "<folder with config.json + model.safetensors>", "workdir": "<temp folder>",
        "dataset_csv": "<text of the dataset's train.csv>"}
stdout: one JSON object with what every call returned (or which error it raised); the test judges it.
"""
import hashlib
import json
import os
import sys

from huggingface_hub import (
    CommitOperationAdd,
    CommitOperationDelete,
    HfApi,
    get_hf_file_metadata,
    hf_hub_download,
    hf_hub_url,
    snapshot_download,
)
from huggingface_hub.utils import build_hf_headers, get_session


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def raised(call):
    """The error a call raises, by its class and the classes it inherits from (None when it returns)."""
    try:
        result = call()
        # Generators (list_repo_tree) only call the hub when iterated.
        if hasattr(result, "__next__"):
            list(result)
    except Exception as e:  # noqa: BLE001 - the test judges which error it was
        return {"type": type(e).__name__, "mro": [c.__name__ for c in type(e).__mro__], "status": getattr(getattr(e, "response", None), "status_code", None)}
    return None


def entry(e):
    """A RepoFile or RepoFolder as plain data."""
    out = {"path": e.path, "kind": type(e).__name__}
    if hasattr(e, "blob_id"):
        out.update(size=e.size, blob_id=e.blob_id, lfs=dict(e.lfs) if e.lfs else None)
    else:
        out["tree_id"] = e.tree_id
    if e.last_commit:
        out["last_commit"] = {"oid": e.last_commit.oid, "title": e.last_commit.title, "date": e.last_commit.date.isoformat()}
    return out


def sibling(s):
    lfs = {"sha256": s.lfs.sha256, "size": s.lfs.size, "pointer_size": s.lfs.pointer_size} if s.lfs else None
    return {"rfilename": s.rfilename, "size": s.size, "blob_id": s.blob_id, "lfs": lfs}


def main():
    args = json.load(sys.stdin)
    owner, workdir = args["owner"], args["workdir"]
    api = HfApi()
    repo = f"{owner}/ESM_session"
    dataset = f"{owner}/session-reviews"
    out = {}

    me = api.whoami()
    out["whoami"] = {"name": me["name"], "type": me["type"], "role": me["auth"]["accessToken"]["role"]}

    # Publish: create (twice, the second tolerated), upload the ESM folder, add a file, then swap it in one commit.
    out["create_repo"] = str(api.create_repo(repo))
    out["create_repo_exist_ok"] = str(api.create_repo(repo, exist_ok=True))
    out["create_repo_conflict"] = raised(lambda: api.create_repo(repo))
    out["upload_folder"] = api.upload_folder(repo_id=repo, folder_path=args["esm_folder"], commit_message="Upload ESM").oid
    out["upload_file"] = api.upload_file(repo_id=repo, path_or_fileobj=b"hello\n", path_in_repo="notes/hello.txt", commit_message="Add notes").oid
    out["create_commit"] = api.create_commit(
        repo_id=repo,
        operations=[CommitOperationDelete("notes/hello.txt"), CommitOperationAdd("notes/kept.txt", b"kept\n")],
        commit_message="Replace notes",
        commit_description="hello.txt goes, kept.txt stays",
    ).oid

    # Inspect.
    out["commits"] = [
        {"id": c.commit_id, "title": c.title, "message": c.message, "authors": c.authors, "date": c.created_at.isoformat()}
        for c in api.list_repo_commits(repo)
    ]
    out["commits_first_upload"] = [c.commit_id for c in api.list_repo_commits(repo, revision=out["upload_folder"])]
    refs = api.list_repo_refs(repo, include_pull_requests=True)
    out["refs"] = {
        "branches": [{"name": r.name, "ref": r.ref, "target_commit": r.target_commit} for r in refs.branches],
        "tags": refs.tags, "converts": refs.converts, "pull_requests": refs.pull_requests,
    }
    paths = ["config.json", "model.safetensors", "notes", "missing.txt"]
    out["paths_info"] = [entry(e) for e in api.get_paths_info(repo, paths)]
    out["paths_info_expand"] = [entry(e) for e in api.get_paths_info(repo, paths, expand=True)]
    info = api.model_info(repo, files_metadata=True)
    out["model_info"] = {"id": info.id, "sha": info.sha, "tags": info.tags, "siblings": [sibling(s) for s in info.siblings]}
    out["list_repo_files"] = api.list_repo_files(repo)
    out["list_repo_tree"] = [entry(e) for e in api.list_repo_tree(repo, recursive=True)]
    out["list_repo_tree_notes"] = [entry(e) for e in api.list_repo_tree(repo, path_in_repo="notes", expand=True)]

    # Download: a whole snapshot, single files (at the branch and at an older commit), file metadata and a range.
    snapshot = snapshot_download(repo)
    out["snapshot"] = {
        "folder": os.path.basename(snapshot),
        "files": {
            os.path.relpath(os.path.join(root, name), snapshot): sha256_file(os.path.join(root, name))
            for root, _, names in os.walk(snapshot) for name in names
        },
    }
    weights = hf_hub_download(repo, "model.safetensors")
    out["hf_hub_download"] = {"sha256": sha256_file(weights), "commit_folder": os.path.basename(os.path.dirname(weights))}
    old_config = hf_hub_download(repo, "config.json", revision=out["upload_folder"], local_dir=os.path.join(workdir, "old"))
    out["hf_hub_download_old_revision"] = sha256_file(old_config)
    url = hf_hub_url(repo, "model.safetensors")
    meta = get_hf_file_metadata(url)
    out["file_metadata"] = {"commit_hash": meta.commit_hash, "etag": meta.etag, "size": meta.size, "location": meta.location}
    head = get_session().head(url, headers={**build_hf_headers(), "Accept-Encoding": "identity"})
    out["head_headers"] = {k.lower(): v for k, v in head.headers.items() if k.lower() in (
        "x-repo-commit", "etag", "x-linked-etag", "x-linked-size", "content-length", "accept-ranges")}
    ranged = get_session().get(url, headers={**build_hf_headers(), "Range": "bytes=8-39"})
    out["range"] = {"status": ranged.status_code, "content_range": ranged.headers.get("content-range"), "hex": ranged.content.hex()}

    # Discover: the tags hfselect filters on, built from the ESM's own config.
    with open(os.path.join(args["esm_folder"], "config.json")) as f:
        base = json.load(f)["base_model_name"]
    out["base_model"] = base
    out["list_models"] = [m.id for m in api.list_models(filter=["embedding_space_map", f"base_model:{base}"])]
    out["list_models_other_base"] = [m.id for m in api.list_models(filter=["embedding_space_map", "base_model:nobody/none"])]

    # A dataset repo: any files.
    out["create_dataset"] = str(api.create_repo(dataset, repo_type="dataset"))
    out["upload_dataset_file"] = api.upload_file(
        repo_id=dataset, repo_type="dataset", path_or_fileobj=args["dataset_csv"].encode(), path_in_repo="train.csv").oid
    ds = api.dataset_info(dataset, files_metadata=True)
    out["dataset_info"] = {"id": ds.id, "sha": ds.sha, "siblings": [sibling(s) for s in ds.siblings]}
    out["list_datasets"] = [d.id for d in api.list_datasets(author=owner)]
    out["dataset_download"] = sha256_file(hf_hub_download(dataset, "train.csv", repo_type="dataset"))

    out["exists"] = {
        "repo": api.repo_exists(repo),
        "missing_repo": api.repo_exists(f"{owner}/nope"),
        "dataset_as_model": api.repo_exists(dataset),
        "file": api.file_exists(repo, "config.json"),
        "missing_file": api.file_exists(repo, "nope.json"),
        "revision": api.revision_exists(repo, "main"),
        "missing_revision": api.revision_exists(repo, "nobranch"),
    }
    out["errors"] = {
        "model_info_missing_repo": raised(lambda: api.model_info(f"{owner}/nope")),
        "model_info_missing_revision": raised(lambda: api.model_info(repo, revision="nobranch")),
        "download_missing_file": raised(lambda: hf_hub_download(repo, "nope.txt")),
        "download_missing_repo": raised(lambda: hf_hub_download(f"{owner}/nope", "config.json")),
        "download_missing_revision": raised(lambda: hf_hub_download(repo, "config.json", revision="nobranch")),
        "commits_missing_repo": raised(lambda: api.list_repo_commits(f"{owner}/nope")),
        "commits_missing_revision": raised(lambda: api.list_repo_commits(repo, revision="nobranch")),
        "refs_missing_repo": raised(lambda: api.list_repo_refs(f"{owner}/nope")),
        "paths_info_missing_revision": raised(lambda: api.get_paths_info(repo, ["config.json"], revision="nobranch")),
        "tree_missing_path": raised(lambda: api.list_repo_tree(repo, path_in_repo="nope")),
    }

    # Clean up: delete the dataset; it is gone for the client afterwards.
    api.delete_repo(dataset, repo_type="dataset")
    out["dataset_exists_after_delete"] = api.repo_exists(dataset, repo_type="dataset")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
