// Who wrote a real operator's line, read from its `source`: the repository or site (sourceGroup) and the organisation
// behind it (organisation). An organisation's lines go whole to one side of the hold-out split
// (lib/tagging/data/real/real.test.ts) and to one cross-validation fold (scripts/cv-lines.ts), so a writer's style is
// never both learned and scored. One definition for both.

/**
 * Hosts whose paths are `owner/repository/...` like github.com's: other code hosts, and proxies that serve github.com
 * pages under their own host (a page read through one is the GitHub repository's, not the proxy's).
 */
const CODE_HOSTS = new Set([
  "github.com", "www.github.com", "gitlab.com", "gitee.com", "codeberg.org", "bitbucket.org",
  "github.zerozr99.workers.dev", "github.shouqianshi.space", "github.fra.us.kg",
]);

/**
 * The repository or site a real line's `source` stands for: a code host's repository (`https://github.com/owner/repo/...`,
 * likewise on gitlab.com, gitee.com and the CODE_HOSTS), a repository file's `owner/repo` (`owner/repo:path`), or a web
 * site's host (without its port); lower-cased. A source that is not a valid URL stands for itself.
 */
export function sourceGroup(source: string): string {
  const file = /^([\w.-]+\/[\w.-]+):/.exec(source);
  if (file && !/^https?:/i.test(source)) return file[1].toLowerCase();
  if (!/^https?:\/\//i.test(source)) return source;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return source;
  }
  const host = url.hostname.toLowerCase();
  // The path as written (URL.pathname would percent-encode a non-ASCII repository name).
  const repository = /^https?:\/\/[^/#?]+\/([^/#?]+)\/([^/#?]+)/i.exec(source);
  if (CODE_HOSTS.has(host) && repository) return `${repository[1]}/${repository[2]}`.toLowerCase();
  return host;
}

/**
 * Hosts where each subdomain (or the host itself) is one writer's own space, not an organisation: personal blogs and
 * shared document/issue hosts. A site elsewhere counts as its organisation's (wiki.ubuntu.com and fridge.ubuntu.com are
 * both "ubuntu"; discourse.nixos.org and logs.nixos.dev are both "nixos", as is the GitHub owner NixOS).
 */
const SHARED_HOSTS = [
  "blogspot.com", "wordpress.com", "substack.com", "github.io", "gitlab.io", "livejournal.com", "neocities.org",
  "vercel.app", "readthedocs.build", "readthedocs.io", "notion.to", "notion.site", "ck.page", "atlassian.net",
  "wikidot.com", "yolasite.com", "google.com", "medium.com", "mail-archive.com",
];
/** Second-level labels under a country code that are part of the suffix (example.org.uk, example.edu.cn). */
const COUNTRY_SECOND_LEVEL = new Set(["com", "co", "org", "net", "edu", "gov", "ac", "or", "ne", "go"]);

/**
 * Repository owners that are another owner's own second account (an archive, a product team, a retired project's
 * home), so the same people: ropensci-archive/roweb2 is the site ropensci/roweb3 replaced.
 */
const OWNER_OF: Record<string, string> = {
  "ropensci-archive": "ropensci", "kubernetes-retired": "kubernetes", "mozilla-mobile": "mozilla", "mozilla-b2g": "mozilla",
};

/**
 * The organisation a source group belongs to: a repository's owner (OWNER_OF); a web site's registrable domain without its
 * suffix (wiki.python.org → "python"), or the whole host on a shared host (someone.wordpress.com) or an IP address.
 */
export function organisation(group: string): string {
  if (group.includes("/")) {
    const owner = group.split("/")[0];
    return OWNER_OF[owner] ?? owner;
  }
  if (/^[\d.]+$/.test(group) || group.includes(":")) return group; // an IP address is its own site
  const labels = group.replace(/\.$/, "").split(".");
  const n = labels.length >= 3 && labels[labels.length - 1].length === 2 && COUNTRY_SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  if (SHARED_HOSTS.includes(labels.slice(-n).join("."))) return labels.join(".");
  return labels[labels.length - n];
}

/**
 * A real line's text as the duplicate checks compare it: NFKC (full-width letters and digits read as ASCII), lower
 * case, without punctuation, symbols or spaces (data/real/real.test.ts, scripts/real-pool.ts).
 */
export function comparableText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");
}
