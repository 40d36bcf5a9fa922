import "server-only";
// A team's delivery channels as admins manage them: validated input (per-field, translated errors), secrets sealed
// before they reach the database and never read back to a browser, every change audited. One statement per change,
// so a refused or failed save never half-writes a row.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Invalid, NotFound } from "@/lib/errors";
import type { MessageRef } from "@/lib/forms";
import type { TeamAccess } from "@/lib/teams/access";
import { canManageTeamSettings } from "@/lib/teams/permissions";
import { parseHttpUrl } from "./http";
import { openSecret, sealSecret, SecretUnreadable } from "./secrets";
import { isChannelKind, KIND_FIELDS, type ChannelKind } from "./types";
import type { WebhookSettings } from "./vendors";

/** Channels carry the team's outbound addresses and secrets: admins only, like the rest of team settings. */
export const canManageDeliveryChannels = (access: Pick<TeamAccess, "role">) => canManageTeamSettings(access);

export const CHANNEL_NAME_MAX = 60;
export const CHANNEL_URL_MAX = 2000;
export const CHANNEL_SECRET_MAX = 500;
export const CHANNELS_PER_TEAM_MAX = 20;

export type ChannelField = "kind" | "name" | "url" | "secret";
export type FieldErrors = Partial<Record<ChannelField, MessageRef>>;

export interface ChannelFormInput {
  kind: string;
  name: string;
  url: string;
  secret: string;
  /** Update only: drop the saved signing secret. */
  clearSecret?: boolean;
}

export class ChannelInputInvalid extends Invalid {
  constructor(readonly fieldErrors: FieldErrors) {
    super("delivery.form.fixFields");
  }
}

export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  urlHost: string | null;
  hasSigningSecret: boolean;
  secretSavedAt: string | null;
  createdAt: string;
}

function checkName(name: string, errors: FieldErrors): string {
  const trimmed = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (!trimmed) errors.name = { key: "delivery.form.nameRequired" };
  else if (trimmed.length > CHANNEL_NAME_MAX) errors.name = { key: "delivery.form.nameTooLong", values: { max: CHANNEL_NAME_MAX } };
  return trimmed;
}

function checkUrl(raw: string, errors: FieldErrors): URL | null {
  const value = raw.trim();
  if (value.length > CHANNEL_URL_MAX) {
    errors.url = { key: "delivery.form.urlTooLong", values: { max: CHANNEL_URL_MAX } };
    return null;
  }
  const url = parseHttpUrl(value);
  if (!url) errors.url = { key: "delivery.form.urlInvalid" };
  return url;
}

function checkSecret(raw: string, errors: FieldErrors): string {
  const value = raw.trim();
  if (value.length > CHANNEL_SECRET_MAX) errors.secret = { key: "delivery.form.secretTooLong", values: { max: CHANNEL_SECRET_MAX } };
  if (/[\u0000-\u001f\u007f]/.test(value)) errors.secret = { key: "delivery.form.secretInvalid" };
  return value;
}

function sealed(teamId: string, settings: WebhookSettings, url: URL) {
  return {
    secretBox: sealSecret(settings, teamId),
    secretSavedAt: new Date(),
    urlHost: url.host,
    hasSigningSecret: Boolean(settings.secret),
  };
}

export async function listChannelsForSettings(teamId: string): Promise<ChannelView[]> {
  const rows = await prisma.deliveryChannel.findMany({
    where: { teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, name: true, enabled: true, urlHost: true, hasSigningSecret: true, secretSavedAt: true, createdAt: true },
  });
  return rows
    .filter((row) => isChannelKind(row.kind))
    .map((row) => ({ ...row, kind: row.kind as ChannelKind, secretSavedAt: row.secretSavedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }));
}

export async function createChannel(access: TeamAccess, input: ChannelFormInput): Promise<{ id: string }> {
  const errors: FieldErrors = {};
  if (!isChannelKind(input.kind)) errors.kind = { key: "delivery.form.kindInvalid" };
  const name = checkName(input.name, errors);
  const kind = isChannelKind(input.kind) ? input.kind : null;
  let url: URL | null = null;
  let secret = "";
  if (kind && KIND_FIELDS[kind].url) {
    if (!input.url.trim()) errors.url = { key: "delivery.form.urlRequired" };
    else url = checkUrl(input.url, errors);
  }
  if (kind && KIND_FIELDS[kind].secret !== "none") {
    secret = checkSecret(input.secret, errors);
    if (!secret && KIND_FIELDS[kind].secret === "required" && !errors.secret) errors.secret = { key: "delivery.form.secretRequired" };
  }
  if (Object.keys(errors).length > 0 || !kind) throw new ChannelInputInvalid(errors);
  const count = await prisma.deliveryChannel.count({ where: { teamId: access.teamId } });
  if (count >= CHANNELS_PER_TEAM_MAX) throw new Invalid("delivery.form.tooManyChannels", { max: CHANNELS_PER_TEAM_MAX });
  const row = await prisma.deliveryChannel.create({
    data: {
      teamId: access.teamId,
      kind,
      name,
      ...(url ? sealed(access.teamId, { url: url.toString(), ...(secret ? { secret } : {}) }, url) : {}),
    },
    select: { id: true },
  });
  await recordAudit({ action: "delivery.channel.create", teamId: access.teamId, actorId: access.userId, targetType: "deliveryChannel", targetId: row.id, detail: { kind, name, host: url?.host ?? null, signed: Boolean(secret) } });
  return row;
}

async function findChannel(access: TeamAccess, channelId: string) {
  const row = channelId
    ? await prisma.deliveryChannel.findFirst({ where: { id: channelId, teamId: access.teamId }, select: { id: true, kind: true, name: true, secretBox: true } })
    : null;
  if (!row || !isChannelKind(row.kind)) throw new NotFound();
  return { ...row, kind: row.kind as ChannelKind };
}

/** Renames and/or replaces the URL or signing secret; a blank URL or secret keeps the saved one. */
export async function updateChannel(access: TeamAccess, channelId: string, input: ChannelFormInput): Promise<void> {
  const channel = await findChannel(access, channelId);
  const errors: FieldErrors = {};
  const name = checkName(input.name, errors);
  const fields = KIND_FIELDS[channel.kind];
  let saved: WebhookSettings | null = null;
  if (fields.url && channel.secretBox) {
    try {
      saved = openSecret<WebhookSettings>(channel.secretBox, access.teamId);
    } catch (error) {
      if (!(error instanceof SecretUnreadable)) throw error;
    }
  }
  let url: URL | null = null;
  if (fields.url) {
    if (input.url.trim()) url = checkUrl(input.url, errors);
    else if (saved) url = parseHttpUrl(saved.url);
    else errors.url = { key: "delivery.form.urlReenter" };
  }
  let secret = "";
  if (fields.secret !== "none") {
    secret = checkSecret(input.secret, errors);
    if (!secret && !input.clearSecret) {
      if (saved?.secret) secret = saved.secret;
      else if (channel.secretBox && !saved) errors.secret = { key: "delivery.form.secretReenter" };
    }
    if (!secret && fields.secret === "required" && !errors.secret) errors.secret = { key: "delivery.form.secretRequired" };
  }
  if (Object.keys(errors).length > 0) throw new ChannelInputInvalid(errors);
  const secretsChanged = Boolean(input.url.trim() || input.secret.trim() || input.clearSecret);
  await prisma.deliveryChannel.update({
    where: { id: channel.id },
    data: { name, ...(url && secretsChanged ? sealed(access.teamId, { url: url.toString(), ...(secret ? { secret } : {}) }, url) : {}) },
  });
  await recordAudit({
    action: "delivery.channel.update",
    teamId: access.teamId,
    actorId: access.userId,
    targetType: "deliveryChannel",
    targetId: channel.id,
    detail: { kind: channel.kind, name, renamedFrom: channel.name === name ? null : channel.name, secretsReplaced: secretsChanged, host: url?.host ?? null },
  });
}

export async function setChannelEnabled(access: TeamAccess, channelId: string, enabled: boolean): Promise<void> {
  const channel = await findChannel(access, channelId);
  await prisma.deliveryChannel.update({ where: { id: channel.id }, data: { enabled } });
  await recordAudit({ action: enabled ? "delivery.channel.enable" : "delivery.channel.disable", teamId: access.teamId, actorId: access.userId, targetType: "deliveryChannel", targetId: channel.id, detail: { kind: channel.kind, name: channel.name } });
}

export async function deleteChannel(access: TeamAccess, channelId: string): Promise<void> {
  const channel = await findChannel(access, channelId);
  await prisma.deliveryChannel.deleteMany({ where: { id: channel.id, teamId: access.teamId } });
  await recordAudit({ action: "delivery.channel.delete", teamId: access.teamId, actorId: access.userId, targetType: "deliveryChannel", targetId: channel.id, detail: { kind: channel.kind, name: channel.name } });
}

/** Throws NotFound unless the channel is this team's (for the test button). */
export async function requireTeamChannel(access: TeamAccess, channelId: string): Promise<{ id: string; kind: ChannelKind; name: string }> {
  const { id, kind, name } = await findChannel(access, channelId);
  return { id, kind, name };
}
