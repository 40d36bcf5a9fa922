// A collection round's pooling (scripts/real-pool.ts) keeps the rules SOURCES.md states: no repeated line, nothing from
// real-dev's pages or organisations, at most 25 lines a repository counting those already in, and the hold-out side
// decided by organisation (an organisation keeps its side; a new one by md5), so a writer never sits on both sides.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CollectedLine, type Existing, newOrganisationSide, pool, POOL_GROUP_CAP, realDevSources } from "./real-pool";

const REAL_DEV = [
  "| 1 | https://github.com/devorg/handbook/issues/7 | Ran the meetup | GitHub issue | 1 | en |",
  "| 2 | devteam/notes:minutes/2021-03.md | minutes | file | 2 | en |",
  "| 3 | https://blog.example-dev.com/2020/05/week | a week's log | page | 1 | zh |",
].join("\n");

const line = (text: string, source: string, over: Partial<CollectedLine> = {}): CollectedLine =>
  ({ text, lang: "en", role: "community", stage: "activation", source, ...over });

const existing: Existing = {
  train: [{ text: "Answered 12 questions in our Discord", source: "https://github.com/trainorg/community/issues/3" }],
  holdout: [{ text: "Moderated the forum, removed spam", source: "https://github.com/holdorg/forum/issues/9" }],
  pending: [{ text: "Thanked the venue sponsor", source: "https://github.com/pendorg/meetups/issues/2" }],
  augment: [{ text: "Replied to a dozen questions on our Discord server" }],
};

test("real-dev's pages and repositories are read with their organisations", () => {
  const { groups, organisations } = realDevSources(REAL_DEV);
  assert.deepEqual([...groups].sort(), ["blog.example-dev.com", "devorg/handbook", "devteam/notes"]);
  assert.deepEqual([...organisations].sort(), ["devorg", "devteam", "example-dev"]);
});

test("a line repeating any existing text, a rewording or an earlier pooled line is dropped", () => {
  const { lines, dropped } = pool([{ name: "a", lines: [
    line("answered 12 questions in our Discord!", "https://github.com/neworg/x/issues/1"),
    line("Replied to a dozen questions on our Discord server", "https://github.com/neworg/x/issues/1"),
    line("Thanked the venue sponsor.", "https://github.com/neworg/x/issues/1"),
    line("Welcomed 5 new members", "https://github.com/neworg/x/issues/2"),
    line("Welcomed 5 new members", "https://github.com/neworg/x/issues/3"),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.text), ["Welcomed 5 new members"]);
  assert.equal(dropped.get("duplicate"), 4);
});

test("nothing from a page, repository or organisation that real-dev-sources.md names", () => {
  const { lines, dropped } = pool([{ name: "a", lines: [
    line("Booked the venue", "https://github.com/devorg/handbook/issues/7"),
    line("Ordered pizza for the meetup", "https://github.com/devorg/other-repo/issues/1"),
    line("Posted the recap", "devteam/notes:minutes/2022-01.md"),
    line("Wrote the weekly report", "https://www.example-dev.com/about"),
    line("Sent the newsletter", "https://github.com/neworg/news/issues/4"),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.text), ["Sent the newsletter"]);
  assert.equal(dropped.get("real-dev page or repository"), 2);
  assert.equal(dropped.get("real-dev organisation devorg"), 1);
  assert.equal(dropped.get("real-dev organisation example-dev"), 1);
});

test("an organisation keeps its side; a new one takes the side its md5 names, for all its repositories", () => {
  // Organisation names whose md5 rule gives each side, so the test checks both branches.
  const names = Array.from({ length: 40 }, (_, i) => `org${i}`);
  const heldOut = names.find((n) => newOrganisationSide(n) === "holdout") as string;
  const trained = names.find((n) => newOrganisationSide(n) === "train") as string;
  assert.ok(heldOut && trained, "both sides occur among 40 names");
  assert.equal(newOrganisationSide("holdorg"), newOrganisationSide("holdorg"), "the rule is a function of the name");
  const { lines } = pool([{ name: "a", lines: [
    line("Reviewed bug reports", "https://github.com/trainorg/other/issues/1", { role: "product", stage: "retention" }),
    line("Closed duplicate threads", "https://github.com/holdorg/forum2/issues/1", { stage: "retention" }),
    line("Set up the sponsor call", "https://github.com/pendorg/sponsors/issues/1", { role: "business", stage: "acquisition" }),
    line("Drafted the launch post", `https://github.com/${heldOut}/site/issues/1`, { role: "content" }),
    line("Drafted the release notes", `https://github.com/${heldOut}/docs/issues/5`, { role: "content" }),
    line("Ran the spring hackathon", `https://github.com/${trained}/events/issues/1`, { role: "activity" }),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => l.side), ["train", "holdout", "train", "holdout", "holdout", "train"]);
});

test(`at most ${POOL_GROUP_CAP} lines a repository or site, counting the lines already in the files`, () => {
  const batch = Array.from({ length: POOL_GROUP_CAP + 3 }, (_, i) => line(`Replied to thread number ${i} in the forum`, `https://github.com/trainorg/community/issues/${100 + i}`));
  const { lines, dropped } = pool([{ name: "a", lines: batch }], existing, REAL_DEV);
  assert.equal(lines.length, POOL_GROUP_CAP - 1, "one line of trainorg/community is already in train.jsonl");
  assert.equal(dropped.get(`over ${POOL_GROUP_CAP} a repository or site`), 4);
});

test("a malformed line is dropped with what is wrong, and the batch's name is kept on the others", () => {
  const { lines, dropped } = pool([{ name: "cenX", lines: [
    line("Hosted office hours", "https://github.com/neworg/x/issues/9", { role: "events" }),
    line("Hosted office hours", "https://github.com/neworg/x/issues/9", { lang: "fr" as "en" }),
    line("Hosted office hours", ""),
    line("Hosted the Thursday office hours", "https://github.com/neworg/x/issues/9"),
  ] }], existing, REAL_DEV);
  assert.deepEqual(lines.map((l) => [l.batch, l.text]), [["cenX", "Hosted the Thursday office hours"]]);
  assert.deepEqual([...dropped.keys()].sort(), [
    "malformed (lang \"fr\" is neither zh nor en)", "malformed (no source)", "malformed (role \"events\" is not one of GUIDE.md's)",
  ]);
});
