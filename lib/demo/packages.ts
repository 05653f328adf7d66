import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export interface PackageRef {
  name: string;
  version: string;
  license: string;
  dir: string;
}

const cache = new Map<string, PackageRef>();

/**
 * Where an installed npm package lives, found through Node's own lookup paths. Some data packages list only their
 * code in `exports`, so `require.resolve("<pkg>/package.json")` cannot be used.
 */
export function installedPackage(name: string): PackageRef {
  const hit = cache.get(name);
  if (hit) return hit;
  for (const base of require.resolve.paths(name) ?? []) {
    const manifest = path.join(base, name, "package.json");
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; license?: string };
    const ref = { name, version: json.version, license: json.license ?? "see package", dir: path.dirname(manifest) };
    cache.set(name, ref);
    return ref;
  }
  throw new Error(`the demo data package ${name} is not installed; run npm install`);
}

export function packageFile(name: string, ...segments: string[]): string {
  return path.join(installedPackage(name).dir, ...segments);
}

export function readPackageText(name: string, ...segments: string[]): string {
  return readFileSync(packageFile(name, ...segments), "utf8");
}

export function readPackageJson<T>(name: string, ...segments: string[]): T {
  return JSON.parse(readPackageText(name, ...segments)) as T;
}
