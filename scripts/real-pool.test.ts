// A collection round's pooling (scripts/real-pool.ts) keeps SOURCES.md's rules: no repeated line, nothing from real-dev's
// sources or teams, the caps counting lines already in, and each organisation on one side of the hold-out split.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CollectedLine, type Existing, newOrganisationSide, parseCollected, pool, POOL_GROUP_CAP, POOL_PAGE_CAP, realDevSources,
} from "./real-pool";

/** Organisation names the md5 rule sends to each side (so every test below checks a rule, not a coin that fell right). */
const names = Array.from({ length: 60 }, (_, i) => `org${i}`);
const HELD_OUT = names.filter((n) => newOrganisationSide(n) === "holdout");
const TRAINED = names.filter((n) => newOrganisationSide(n) === "train");

// The forms real-dev-sources.md writes its sources in: table cells, "URL: n lines", a sentence's full stop, a repository
// file, and repositories named like the site they publish.
const REAL_DEV = [
  "| 1 | https://github.com/devorg/handbook/issues/7 | Ran the meetup | GitHub issue | 1 | en |",
  "- https://github.com/listorg/blogs: 15 lines from its posts",
  "Lines also came from https://forum.siteorg.net/t/duty-list/42.",
  "| 2 | devteam/notes:minutes/2021-03.md | minutes | file | 2 | en |",
  "| 3 | https://github.com/cosname/cosx.org/pull/1000 | a PR | GitHub PR | 1 | zh |",
  "| 4 | https://github.com/solo/solo.github.io/issues/2 | a blog's to-do | GitHub issue | 1 | zh |",
  "Languages zh/en: 112 and 80 lines.",
].join("\n");

const line = (text: string, source: string, over: Partial<CollectedLine> = {}): CollectedLine =>
  ({ text, lang: "en", role: "community", stage: "activation", source, ...over });

const existing: Existing = {
  train: [{ text: "Answered 12 questions in our Discord", source: "https://github.com/trainorg/community/issues/3" }],
  holdout: [{ text: "Moderated the forum, removed spam", source: "https://github.com/holdorg/forum/issues/9" }],
  // A pending organisation whose md5 would send a new one to the hold-out: pending lines are the training side.
  pending: [{ text: "Thanked the venue sponsor", source: `https://github.com/${HELD_OUT[0]}/meetups/issues/2` }],
  augment: [{ text: "Replied to a dozen questions on our Discord server" }],
};

test("real-dev's sources are read in the forms its file writes them, with the sites its repositories publish", () => {
  const { groups, organisations } = realDevSources(REAL_DEV);
  assert.deepEqual([...groups].sort(), [
    "cosname/cosx.org", "cosx.org", "devorg/handbook", "devteam/notes", "forum.siteorg.net", "listorg/blogs", "solo.github.io",
    "solo/solo.github.io",
  ]);
  assert.deepEqual([...organisations].sort(), ["cosname", "cosx", "devorg", "devteam", "listorg", "siteorg", "solo", "solo.github.io"]);
});

test("a line repeating an existing text, a rewording or an earlier pooled line is left out, full-width or not", () => {
  const { lines, dropped } = pool([{ name: "a", lines: [
    line("answered 12 questions in our Discord!", "https://github.com/neworg/x/issues/1"),
    line("Ｒｅｐｌｉｅｄ to a dozen questions on our Discord server。", "https://github.com/neworg/x/issues/1"),
    line("Thanked the venue sponsor.", "https://github.com/neworg/x/issues/1"),
    line("Welcomed 5 new members", "https://github.com/neworg/x/issues/2"),
    line("Welcomed ５ new members", "https://github.com/neworg/x/issues/3"),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.text), ["Welcomed 5 new members"]);
  assert.equal(dropped.get("repeats a line"), 4);
});

test("nothing from a page, repository, site or organisation that real-dev-sources.md names", () => {
  const { lines, dropped } = pool([{ name: "a", lines: [
    line("Booked the venue", "https://github.com/devorg/handbook/issues/7"),
    line("Ordered pizza for the meetup", "https://github.com/devorg/other-repo/issues/1"),
    line("Posted the recap", "devteam/notes:minutes/2022-01.md"),
    line("Wrote the weekly report", "https://www.siteorg.net/about"),
    line("Published the monthly digest", "https://cosx.org/2020/05/digest"),
    line("Planned the blog's posts", "https://solo.github.io/plan"),
    line("Sent the newsletter", "https://github.com/neworg/news/issues/4"),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.text), ["Sent the newsletter"]);
  assert.equal(dropped.get("real-dev page, repository or site"), 4, "devorg/handbook, devteam/notes, cosx.org, solo.github.io");
  assert.equal(dropped.get("real-dev organisation devorg"), 1);
  assert.equal(dropped.get("real-dev organisation siteorg"), 1);
});

test("an organisation keeps its side (pending lines are the training side); a new one takes its md5's, for all its repositories", () => {
  const { lines } = pool([{ name: "a", lines: [
    line("Reviewed bug reports", "https://github.com/trainorg/other/issues/1", { role: "product", stage: "retention" }),
    line("Closed duplicate threads", "https://github.com/holdorg/forum2/issues/1", { stage: "retention" }),
    line("Set up the sponsor call", `https://github.com/${HELD_OUT[0]}/sponsors/issues/1`, { role: "business", stage: "acquisition" }),
    line("Drafted the launch post", `https://github.com/${HELD_OUT[1]}/site/issues/1`, { role: "content" }),
    line("Drafted the release notes", `https://github.com/${HELD_OUT[1]}/docs/issues/5`, { role: "content" }),
    line("Ran the spring hackathon", `https://github.com/${TRAINED[0]}/events/issues/1`, { role: "activity" }),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.side), ["train", "holdout", "train", "holdout", "holdout", "train"]);
});

test("an organisation with lines on both sides already stops the pooling and is named", () => {
  const split: Existing = { ...existing, pending: [{ text: "Listed the meetup", source: "https://github.com/holdorg/meetups/issues/1" }] };
  assert.throws(() => pool([], split, REAL_DEV), /organisation holdorg has lines in pending\/ and in holdout\.jsonl/);
});

test(`at most ${POOL_GROUP_CAP} lines a repository and ${POOL_PAGE_CAP} a page, counting the lines already in the files`, () => {
  const batch = Array.from({ length: POOL_GROUP_CAP + 3 }, (_, i) => line(`Replied to thread number ${i}`, `https://github.com/holdorg/forum/issues/${100 + i}`));
  const repository = pool([{ name: "a", lines: batch }], existing, REAL_DEV);
  assert.equal(repository.lines.length, POOL_GROUP_CAP - 1, "one line of holdorg/forum is already in holdout.jsonl");
  assert.equal(repository.dropped.get(`over ${POOL_GROUP_CAP} a repository or site`), 4);
  const page = Array.from({ length: POOL_PAGE_CAP + 2 }, (_, i) => line(`Welcomed member number ${i}`, "https://github.com/trainorg/community/issues/3"));
  const onePage = pool([{ name: "a", lines: page }], existing, REAL_DEV);
  assert.equal(onePage.lines.length, POOL_PAGE_CAP - 1, "one line of that issue is already in train.jsonl");
  assert.equal(onePage.dropped.get(`over ${POOL_PAGE_CAP} a page`), 3);
});

test("a collected line is read with what is wrong with it named", () => {
  const ok = parseCollected(JSON.stringify(line("Hosted office hours", "https://github.com/neworg/x/issues/9")));
  assert.ok(ok.ok && ok.value.role === "community" && ok.value.source === "https://github.com/neworg/x/issues/9");
  const error = (over: Record<string, unknown>) => {
    const parsed = parseCollected(JSON.stringify({ ...line("Hosted office hours", "https://github.com/neworg/x/issues/9"), ...over }));
    return parsed.ok ? "" : parsed.error;
  };
  assert.equal(error({ role: "events" }), 'unknown role "events"');
  assert.equal(error({ lang: "fr" }), '"lang" "fr" is neither "zh" nor "en"');
  assert.equal(error({ source: " " }), 'missing "source" (the page URL or owner/repo:path)');
  assert.equal(error({ text: "" }), '"text" is empty');
});
