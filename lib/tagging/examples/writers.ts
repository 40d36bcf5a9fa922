// Who wrote a real operator's line, read from its `source`: the repository or site (sourceGroup) and the organisation
// behind it (organisation). An organisation's lines go whole to one side of the hold-out split
// (lib/tagging/data/real/real.test.ts) and to one cross-validation fold (scripts/cv-lines.ts), so a writer's style is
// never both learned and scored. One definition for both.

/**
 * The repository or site a real line's `source` stands for: a GitHub repository (`https://github.com/owner/repo/...`),
 * a repository file's `owner/repo` (`owner/repo:path`), or a web site's host; lower-cased.
 */
export function sourceGroup(source: string): string {
  const github = /^https?:\/\/github\.com\/([^/#?]+)\/([^/#?]+)/i.exec(source);
  if (github) return `${github[1]}/${github[2]}`.toLowerCase();
  const file = /^([\w.-]+\/[\w.-]+):/.exec(source);
  if (file) return file[1].toLowerCase();
  if (/^https?:\/\//i.test(source)) return new URL(source).hostname.toLowerCase();
  return source;
}

/**
 * Hosts where each subdomain (or the host itself) is one writer's own space, not an organisation: personal blogs and
 * shared document/issue hosts. A site elsewhere counts as its organisation's (wiki.ubuntu.com and fridge.ubuntu.com are
 * both "ubuntu"; discourse.nixos.org and logs.nixos.dev are both "nixos", as is the GitHub owner NixOS).
 */
const SHARED_HOSTS = [
  "blogspot.com", "wordpress.com", "substack.com", "github.io", "gitlab.io", "livejournal.com", "neocities.org",
  "vercel.app", "readthedocs.build", "readthedocs.io", "notion.to", "notion.site", "ck.page", "atlassian.net",
  "wikidot.com", "yolasite.com", "google.com", "medium.com", "mail-archive.com", "gitlab.com",
];
/** Second-level labels under a country code that are part of the suffix (example.org.uk, example.edu.cn). */
const COUNTRY_SECOND_LEVEL = new Set(["com", "co", "org", "net", "edu", "gov", "ac", "or", "ne", "go"]);

/**
 * The organisation a source group belongs to: a GitHub repository's owner; a web site's registrable domain without its
 * suffix (wiki.python.org → "python"), or the whole host on a shared host (someone.wordpress.com).
 */
export function organisation(group: string): string {
  if (group.includes("/")) return group.split("/")[0];
  const labels = group.replace(/\.$/, "").split(".");
  const n = labels.length >= 3 && labels[labels.length - 1].length === 2 && COUNTRY_SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  if (SHARED_HOSTS.includes(labels.slice(-n).join("."))) return labels.join(".");
  return labels[labels.length - n];
}
