// The report as text a person pastes: plain text, Markdown, or the fields of 飞书汇报 / 钉钉日志 / 企业微信汇报
// (done · summary · plan · help). Pure and deterministic: the same report and language always give the same text.
import type { ReportEntry, WeeklyReport } from "./weekly";

import { REPORT_FORMATS, type ReportFormat } from "@/lib/contracts/api";

export { REPORT_FORMATS, type ReportFormat };
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

interface Line {
  text: string;
  depth: number;
}

/** The report's content, in the four fields every chat app's report template has. */
interface Sections {
  title: string;
  done: Line[];
  summary: Line[];
  plan: Line[];
  help: Line[];
}

const TEXT_MAX = 120;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > TEXT_MAX ? `${flat.slice(0, TEXT_MAX - 1)}…` : flat;
}

export function formatDuration(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return t("rhythm.report.durationMinutes", { m });
  if (m === 0) return t("rhythm.report.durationHours", { h });
  return t("rhythm.report.duration", { h, m });
}

/** Messages that depend on a count have "one" and "other" forms (English needs them; Chinese repeats itself). */
export function counted(t: Translate, key: string, count: number, values: Record<string, string | number> = {}): string {
  return t(`${key}.${count === 1 ? "one" : "other"}`, { count, ...values });
}

function figures(t: Translate, count: number, minutes: number): string {
  const entries = counted(t, "rhythm.report.entries", count);
  return minutes > 0 ? `${entries} · ${formatDuration(t, minutes)}` : entries;
}

function roleName(t: Translate, role: string | null): string {
  return role ? t(`taxonomy.roles.${role}`) : t("rhythm.report.untagged");
}

function stageName(t: Translate, stage: string | null): string {
  return stage ? t(`taxonomy.stages.${stage}`) : t("rhythm.report.untagged");
}

function entryLine(t: Translate, entry: ReportEntry, withAuthor: boolean): string {
  const time = entry.minutes ? t("rhythm.report.entryTime", { time: formatDuration(t, entry.minutes) }) : "";
  return `${entry.date.slice(5)} ${clip(entry.text)}${time}${withAuthor ? t("rhythm.report.byAuthor", { name: entry.authorName }) : ""}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function buildSections(report: WeeklyReport, t: Translate): Sections {
  const kind = report.kind;
  const who = report.member ? report.member.name : report.team.name;
  const range = kind === "week" ? t("rhythm.report.weekRange", { week: report.period, from: report.from, to: report.to }) : report.period;
  const title = t(`rhythm.report.title.${kind}`, { who, range });
  const team = report.member === null;
  const { totals } = report;

  const done: Line[] = [];
  if (totals.count === 0) done.push({ text: t(`rhythm.report.nothingLogged.${kind}`), depth: 0 });
  for (const group of report.roles) {
    done.push({ text: t("rhythm.report.item", { name: roleName(t, group.role), figures: figures(t, group.count, group.minutes) }), depth: 0 });
    for (const stage of group.stages) {
      done.push({ text: t("rhythm.report.item", { name: stageName(t, stage.stage), figures: figures(t, stage.count, stage.minutes) }), depth: 1 });
      for (const entry of stage.entries) done.push({ text: entryLine(t, entry, false), depth: 2 });
    }
  }
  if (!team && report.listedEntries < totals.count) done.push({ text: counted(t, "rhythm.report.moreEntries", totals.count - report.listedEntries), depth: 0 });

  const summary: Line[] = [];
  summary.push({ text: t("rhythm.report.headline.entries", { entries: counted(t, "rhythm.report.entries", totals.count), days: counted(t, "rhythm.report.days", totals.activeDays) }), depth: 0 });
  if (totals.minutes > 0) summary.push({ text: t("rhythm.report.headline.time", { time: formatDuration(t, totals.minutes), timed: totals.timedCount }), depth: 0 });
  if (team) summary.push({ text: t("rhythm.report.headline.members", { active: totals.activeMembers, all: report.members.length }), depth: 0 });
  const change = totals.count - report.previous.count;
  summary.push({ text: change === 0 ? t(`rhythm.report.compare.${kind}.same`) : counted(t, `rhythm.report.compare.${kind}.${change > 0 ? "more" : "less"}`, Math.abs(change)), depth: 0 });
  const topRole = [...report.roles].filter((g) => g.role).sort((a, b) => b.count - a.count)[0];
  if (topRole && totals.count > 0) summary.push({ text: t("rhythm.report.headline.topRole", { role: roleName(t, topRole.role), share: percent(topRole.count / totals.count) }), depth: 0 });
  if (totals.untaggedCount > 0) summary.push({ text: t("rhythm.report.headline.untagged", { count: totals.untaggedCount }), depth: 0 });
  if (team && report.members.length) {
    summary.push({ text: t("rhythm.report.byMember"), depth: 0 });
    for (const member of report.members) summary.push({ text: t("rhythm.report.item", { name: member.name, figures: figures(t, member.count, member.minutes) }), depth: 1 });
  }
  if (report.largest.length) {
    summary.push({ text: t("rhythm.report.largest"), depth: 0 });
    for (const entry of report.largest) summary.push({ text: entryLine(t, entry, team), depth: 1 });
  }
  for (const gap of report.gaps) {
    const name = gap.dimension === "role" ? roleName(t, gap.key) : stageName(t, gap.key);
    summary.push({ text: t("rhythm.report.gap", { name, target: percent(gap.target), actual: percent(gap.actual) }), depth: 0 });
  }
  for (const stage of report.emptyStages) summary.push({ text: t(`rhythm.report.emptyStage.${kind}`, { stage: stageName(t, stage) }), depth: 0 });

  const help: Line[] = [];
  if (totals.reviewCount > 0) {
    help.push({ text: counted(t, "rhythm.report.review", totals.reviewCount), depth: 0 });
    for (const entry of report.review) help.push({ text: entryLine(t, entry, team), depth: 1 });
  }
  return { title, done, summary, plan: [{ text: t("rhythm.report.planPlaceholder"), depth: 0 }], help };
}

function bullets(lines: Line[], bullet: (depth: number, index: number) => string): string[] {
  const counters: number[] = [];
  return lines.map((line) => {
    counters[line.depth] = (counters[line.depth] ?? 0) + 1;
    counters.length = line.depth + 1;
    return `${"  ".repeat(line.depth)}${bullet(line.depth, counters[line.depth]!)}${line.text}`;
  });
}

/** Markdown-significant characters in people's own text are escaped so a "*" they typed stays a "*". */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, "\\$1");
}

/** The report in one of the paste formats, in the language `t` speaks. */
export function renderReport(report: WeeklyReport, t: Translate, format: ReportFormat): string {
  const s = buildSections(report, t);
  const fields: [string, Line[]][] = [
    ["done", s.done],
    ["summary", s.summary],
    ["plan", s.plan],
    ["help", s.help.length ? s.help : [{ text: t("rhythm.report.none"), depth: 0 }]],
  ];
  const out: string[] = [];
  if (format === "markdown") {
    out.push(`# ${escapeMarkdown(s.title)}`);
    for (const [field, lines] of fields) {
      out.push("", `## ${t(`rhythm.report.fields.plain.${report.kind}.${field}`)}`, "");
      out.push(...bullets(lines.map((l) => ({ ...l, text: escapeMarkdown(l.text) })), () => "- "));
    }
  } else if (format === "plain") {
    out.push(s.title);
    for (const [field, lines] of fields) out.push("", t(`rhythm.report.fields.plain.${report.kind}.${field}`), ...bullets(lines, () => "- "));
  } else {
    // The chat apps' report forms take plain text; numbered top-level items paste as their own list.
    out.push(s.title);
    for (const [field, lines] of fields) {
      out.push("", t(`rhythm.report.fields.${format}.${report.kind}.${field}`), ...bullets(lines, (depth, index) => (depth === 0 ? `${index}. ` : "- ")));
    }
  }
  return `${out.join("\n")}\n`;
}
