import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InviteList } from "@/components/settings/invite-list";
import { EmailDomainsSettings } from "@/components/settings/email-domains";
import { InviteForm, MemberRow } from "@/components/settings/team-forms";
import { teamPageWithLocale } from "@/lib/teams/context";
import { listOpenInvites } from "@/lib/teams/invites";
import { canManageTeamSettings } from "@/lib/teams/permissions";
import { listTeamMembersWithRoles } from "@/lib/teams/queries";
import { ssoConfig } from "@/lib/auth/sso-config";
import { listEmailDomains } from "@/lib/teams/email-domains";
import { INVITE_TTL_HOURS } from "@/lib/teams/mutations";
import { AddChannelForm, ChannelList } from "@/components/settings/delivery-channels";
import { DeliveryLog } from "@/components/settings/delivery-log";
import { listChannelsForSettings } from "@/lib/delivery/channels";
import { smtpStatus } from "@/lib/delivery/email";
import { listDeliveryLog } from "@/lib/delivery/log";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function TeamSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { viewer, access, locale } = await teamPageWithLocale(team, canManageTeamSettings);
  const t = await getTranslations("settings");
  const invites = await listOpenInvites(access.teamId);
  const tSso = await getTranslations("sso");
  const domains = await listEmailDomains(access.teamId);
  const members = await listTeamMembersWithRoles(access);
  const tDelivery = await getTranslations("delivery");
  const channels = await listChannelsForSettings(access.teamId);
  const deliveryLog = await listDeliveryLog(access.teamId, undefined, 50);
  const smtp = smtpStatus();
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: access.timeZone });
  return (
    <div className="space-y-8">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <section className="space-y-3">
        <h2 className="font-medium">{t("invite")}</h2>
        <InviteForm teamSlug={access.slug} hours={INVITE_TTL_HOURS} />
      </section>
      <section className="space-y-3">
        <h2 className="font-medium">{(await getTranslations("security.invites"))("title")}</h2>
        <InviteList teamSlug={access.slug} invites={invites.map(({ id, email, role, expiresAt, createdByName }) => ({ id, email, role, expiresAt: expiresAt.toISOString(), createdByName }))} />
      </section>
      <section className="space-y-3">
        <h2 className="font-medium">{t("members")}</h2>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {members.map((m) => (
            <MemberRow key={m.user.id} teamSlug={access.slug} member={{ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, usesPassword: m.usesPassword }} isSelf={m.user.id === viewer.id} />
          ))}
        </ul>
      </section>
      <section className="space-y-3">
        <h2 className="font-medium">{tSso("domainsTitle")}</h2>
        <EmailDomainsSettings teamSlug={access.slug} domains={domains} ssoConfigured={ssoConfig() !== null} />
      </section>
      <section className="space-y-3" data-testid="delivery-settings">
        <h2 className="font-medium">{tDelivery("title")}</h2>
        <p className="text-sm text-slate-600">{tDelivery("intro")}</p>
        <p className={`text-sm ${smtp.state === "ready" ? "text-slate-600" : "text-amber-700"}`} data-testid="smtp-status" data-state={smtp.state}>
          {smtp.state === "ready" ? tDelivery("smtp.ready", { host: smtp.host, from: smtp.from }) : tDelivery(`smtp.${smtp.state}`)}
        </p>
        <ChannelList
          teamSlug={access.slug}
          smtpReady={smtp.state === "ready"}
          channels={channels.map(({ id, kind, name, enabled, urlHost, hasSigningSecret, secretSavedAt }) => ({
            id,
            kind,
            name,
            enabled,
            urlHost,
            hasSigningSecret,
            savedOn: secretSavedAt ? timeFormat.format(new Date(secretSavedAt)) : null,
          }))}
        />
        <AddChannelForm teamSlug={access.slug} />
        <h3 className="pt-2 font-medium">{tDelivery("log.title")}</h3>
        <p className="text-xs text-slate-500">{tDelivery("log.hint")}</p>
        <DeliveryLog rows={deliveryLog} channelNames={new Map(channels.map((c) => [c.id, c.name]))} formatTime={(date) => timeFormat.format(date)} />
      </section>
    </div>
  );
}
