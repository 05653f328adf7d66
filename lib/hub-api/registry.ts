// The registry functions this layer uses. Imported from the registry's modules rather than its index so that the
// HTTP layer (and its tests, which bring their own blob store) load without the process-wide default context.
export { RegistryError, type RegistryErrorCode } from "../registry/errors";
export type { RegistryContext, RegistryBlobs } from "../registry/context";
export { parseRepoId, pathProblem, type RepoKind } from "../registry/names";
export { createUser, createToken, actorFromToken, type Actor } from "../registry/users";
export { assertCanWrite, findRepo } from "../registry/access";
export { createRepo, deleteRepo, recordDownload } from "../registry/repos";
export { commitFiles } from "../registry/commit";
export { resolveRevision, commitManifest, getFile } from "../registry/read";
export { parseCard, cardTags } from "../registry/card";
export { streamToBytes, readBlob } from "../registry/blob-io";
