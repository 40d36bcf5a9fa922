import "server-only";
// Per-member view: each member's role and stage mix, their entries per day (per week for long ranges) and top roles.
import { prisma } from "@/lib/db/client";
import type { RoleKey } from "@/lib/tagging";
import { effortBy, sumEffort, type EffortRow, type EffortTotal } from "./effort";
import type { Measure } from "./filters";
import { measureOf, mixBy, type MixEntry } from "./mix";
import type { ReportScope } from "./permissions";
import { addDays } from "@/lib/activities/rules";
import { daysBetween, mondayOf, type DateRange } from "./range";

/** Ranges up to this many days show entries per day; longer ones per week. */
export const DAILY_DAYS_MAX = 62;

export interface MemberMix {
  id: string;
  name: string;
  total: EffortTotal;
  roles: MixEntry[];
  stages: MixEntry[];
  /** Up to three roles with the most effort, largest first. */
  topRoles: { key: RoleKey; share: number }[];
  /** Entries (and minutes) per bucket, aligned with MemberBoard.buckets. */
  perBucket: { count: number; minutes: number }[];
}

export interface MemberBoard {
  granularity: "day" | "week";
  /** Bucket starts (days, or Mondays), oldest first. */
  buckets: string[];
  members: MemberMix[];
}

function bucketsOf(range: DateRange): { granularity: "day" | "week"; buckets: string[] } {
  const days = daysBetween(range.from, range.to) + 1;
  if (days <= DAILY_DAYS_MAX) return { granularity: "day", buckets: Array.from({ length: days }, (_, i) => addDays(range.from, i)) };
  const buckets: string[] = [];
  for (let week = mondayOf(range.from); week <= range.to; week = addDays(week, 7)) buckets.push(week);
  return { granularity: "week", buckets };
}

export async function getMemberBoard(scope: ReportScope, range: DateRange, measure: Measure): Promise<MemberBoard> {
  const { granularity, buckets } = bucketsOf(range);
  const [mixRows, timeRows, memberships] = await Promise.all([
    effortBy(scope, range, ["member", "role", "stage"]),
    effortBy(scope, range, ["member", granularity]),
    prisma.membership.findMany({
      where: { teamId: scope.teamId, ...(scope.authorId ? { userId: scope.authorId } : {}) },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true } } },
    }),
  ]);
  // Authors who left the team still own effort in the period: show them after the current members.
  const names = new Map(memberships.map((m) => [m.user.id, m.user.name]));
  const formerIds = [...new Set(mixRows.map((r) => r.member!))].filter((id) => !names.has(id));
  if (formerIds.length) {
    const former = await prisma.user.findMany({ where: { id: { in: formerIds } }, select: { id: true, name: true } });
    for (const user of former) names.set(user.id, user.name);
  }
  const rowsBy = (rows: EffortRow[]) => {
    const map = new Map<string, EffortRow[]>();
    for (const row of rows) {
      const list = map.get(row.member!);
      if (list) list.push(row);
      else map.set(row.member!, [row]);
    }
    return map;
  };
  const mixByMember = rowsBy(mixRows);
  const timeByMember = rowsBy(timeRows);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const members = [...names.entries()].map(([id, name]): MemberMix => {
    const rows = mixByMember.get(id) ?? [];
    const roles = mixBy(rows, "role", measure);
    const perBucket = buckets.map(() => ({ count: 0, minutes: 0 }));
    for (const row of timeByMember.get(id) ?? []) {
      const i = index.get(row[granularity]!);
      if (i !== undefined) perBucket[i] = { count: row.count, minutes: row.minutes };
    }
    return {
      id,
      name,
      total: sumEffort(rows),
      roles,
      stages: mixBy(rows, "stage", measure),
      topRoles: roles
        .filter((r) => measureOf(r, measure) > 0)
        .sort((a, b) => b.share - a.share)
        .slice(0, 3)
        .map((r) => ({ key: r.key as RoleKey, share: r.share })),
      perBucket,
    };
  });
  return { granularity, buckets, members };
}
