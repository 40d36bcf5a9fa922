// Where a person may be sent after signing in: a path on this site, never another origin.
// Shared by next-auth's redirect callback (server) and the sign-in form (browser).

/**
 * The same-origin path (with query and hash) that `url` leads to, or null. The URL parser decides, as a browser
 * would: tabs and newlines inside are dropped and "\" counts as "/", so "/\t/evil.example" is another origin.
 */
export function sameOriginPath(url: string | null | undefined, origin: string): string | null {
  if (!url) return null;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(url, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "//host" or "/\host" as a path would be read as another host by the next router or browser that sees it.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}
