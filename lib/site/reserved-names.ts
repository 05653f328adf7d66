/**
 * First path segments the site uses for its own pages. A user with one of these names would have a profile
 * (`/{user}`) and repo URLs (`/{user}/{repo}`) hidden behind the site's routes, so sign-up refuses them.
 */
export const RESERVED_NAMES = new Set([
  "api", "auth", "datasets", "esms", "models", "new", "settings", "signin", "signout", "signup", "rankings", "search",
  "spaces", "docs", "about", "admin", "login", "logout", "join", "_next", "static", "public", "favicon.ico", "robots.txt",
]);

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name.toLowerCase());
}
