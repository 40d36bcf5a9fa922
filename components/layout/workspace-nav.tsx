"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { LocaleSwitcher } from "./locale-switcher";
import { forgetOfflinePages } from "@/components/pwa/service-worker";

interface Props {
  team: { slug: string; name: string };
  role: "member" | "manager" | "admin";
  viewer: { name: string; email: string };
  teams: { slug: string; name: string }[];
  /** Managers' comments about the viewer not seen yet: a badge on My week. */
  unreadComments?: number;
}

export function WorkspaceNav({ team, role, viewer, teams, unreadComments = 0 }: Props) {
  const t = useTranslations("nav");
  const tApp = useTranslations("app");
  const tRhythm = useTranslations("rhythm.nav");
  const tComments = useTranslations("comments");
  const pathname = usePathname();
  const router = useRouter();
  const base = `/t/${team.slug}`;
  const links = [
    { href: `${base}/today`, label: t("today") },
    { href: `${base}/week`, label: t("week") },
    { href: `${base}/report`, label: tRhythm("report") },
    { href: `${base}/coverage`, label: tRhythm("coverage") },
    { href: `${base}/dashboard`, label: t("dashboard") },
    ...(role !== "member" ? [{ href: `${base}/entries`, label: t("entries") }] : []),
    { href: `${base}/learn`, label: t("learn") },
    { href: `${base}/import`, label: t("import") },
    ...(role === "admin" ? [{ href: `${base}/settings`, label: t("settings") }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only">
        {tApp("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3" data-testid="top-bar">
        <Link href={`${base}/today`} className="font-semibold text-indigo-700">
          {tApp("name")}
        </Link>
        {teams.length > 1 ? (
          <select
            aria-label={t("teams")}
            value={team.slug}
            onChange={(event) => router.push(`/t/${event.target.value}/today`)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            {teams.map((option) => (
              <option key={option.slug} value={option.slug}>
                {option.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="max-w-[12rem] truncate text-sm text-slate-500" title={team.name} data-testid="team-name">
            {team.name}
          </span>
        )}
        <nav aria-label={t("mainNav")} className="-mx-1 flex w-full gap-1 overflow-x-auto px-1 sm:mx-0 sm:w-auto sm:flex-wrap sm:overflow-visible sm:px-0">
          {links.map((link) => {
            const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
            return (
              <Link
                key={link.href}
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`whitespace-nowrap rounded-md px-3 py-2.5 text-sm sm:py-1.5 lg:px-1.5 ${active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {link.label}
                {link.href === `${base}/week` && unreadComments > 0 ? (
                  <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-medium text-white" data-testid="nav-unread-comments">
                    <span aria-hidden>{unreadComments}</span>
                    <span className="sr-only">{tComments("unreadCount", { count: unreadComments })}</span>
                  </span>
                ) : null}
              </Link>
            );
          })}
          {role === "member" ? (
            // Members export their own entries (the export answers with the viewer's entries only).
            <a href={`${base}/entries/export`} download className="whitespace-nowrap rounded-md px-3 py-2.5 text-sm text-slate-700 hover:bg-slate-100 sm:py-1.5 lg:px-1.5">
              {t("exportMine")}
            </a>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 whitespace-nowrap">
          <LocaleSwitcher />
          <Link href="/account" className="max-w-[9rem] truncate text-sm text-slate-600 hover:underline" title={viewer.email}>
            {viewer.name}
          </Link>
          <button type="button" onClick={() => {
              forgetOfflinePages();
              void signOut({ callbackUrl: "/signin" });
            }} className="text-sm text-slate-600 hover:underline">
            {t("signOut")}
          </button>
        </div>
      </div>
    </header>
  );
}
