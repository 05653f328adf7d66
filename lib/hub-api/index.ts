export { handleHubRequest, isHubApiPath, splitRepoPath } from "./router";
export { DEFAULT_MAX_COMMIT_BYTES, type HubApiContext } from "./context";
export { deriveTags, tagFilter, ESM_TAG, type TagSource } from "./tags";
export { parseCommitNdjson, type ParsedCommit } from "./ndjson";
export { parseListQuery, type ListQuery } from "./query";
export { parseRange } from "./range";
export { nodeListener, serveFetch, type FetchHandler } from "./node-server";
