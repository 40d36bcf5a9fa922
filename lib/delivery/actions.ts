"use server";
// Server actions of team settings → delivery channels (admins only). Each checks the session and the permission
// through lib/teams/context.ts; bad input comes back as per-field, translated errors and writes nothing.
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { failure, formString, type FormState, type MessageRef } from "@/lib/forms";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { teamAction } from "@/lib/teams/context";
import {
  canManageDeliveryChannels,
  ChannelInputInvalid,
  createChannel,
  deleteChannel,
  requireTeamChannel,
  setChannelEnabled,
  updateChannel,
  type ChannelFormInput,
  type FieldErrors,
} from "./channels";
import { sendToChannel } from "./send";
import { deliveryErrorKey } from "./types";

export interface ChannelFormData {
  fieldErrors?: FieldErrors;
}

/** What the test button shows: delivered (to the group, or to the admin's address), or why not. */
export interface TestResult {
  delivered: boolean;
  message: MessageRef;
  detail?: string;
}

function channelInput(formData: FormData): ChannelFormInput {
  return {
    kind: formString(formData, "kind", 20),
    name: formString(formData, "name", 200),
    url: formString(formData, "url", 4000),
    secret: formString(formData, "secret", 1000),
    clearSecret: formString(formData, "clearSecret", 10) === "1",
  };
}

function invalidFields<T extends ChannelFormData>(error: unknown): FormState<T> {
  if (error instanceof ChannelInputInvalid) return { ok: false, error: { key: error.messageKey }, data: { fieldErrors: error.fieldErrors } as T };
  return failure(error);
}

function settingsPath(slug: string): string {
  return `/t/${slug}/settings`;
}

export async function createChannelAction(_prev: FormState<ChannelFormData>, formData: FormData): Promise<FormState<ChannelFormData>> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canManageDeliveryChannels);
    await createChannel(access, channelInput(formData));
    revalidatePath(settingsPath(access.slug));
    return { ok: true };
  } catch (error) {
    return invalidFields(error);
  }
}

export async function updateChannelAction(_prev: FormState<ChannelFormData>, formData: FormData): Promise<FormState<ChannelFormData>> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canManageDeliveryChannels);
    await updateChannel(access, formString(formData, "channel", 100), channelInput(formData));
    revalidatePath(settingsPath(access.slug));
    return { ok: true };
  } catch (error) {
    return invalidFields(error);
  }
}

export async function setChannelEnabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canManageDeliveryChannels);
    await setChannelEnabled(access, formString(formData, "channel", 100), formString(formData, "enabled", 5) === "1");
    revalidatePath(settingsPath(access.slug));
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteChannelAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const { access } = await teamAction(formString(formData, "team", 100), canManageDeliveryChannels);
    await deleteChannel(access, formString(formData, "channel", 100));
    revalidatePath(settingsPath(access.slug));
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Sends a test message in the admin's language: to the group, or by e-mail to the admin's own address. */
export async function sendTestMessageAction(_prev: FormState<TestResult>, formData: FormData): Promise<FormState<TestResult>> {
  try {
    const { viewer, access } = await teamAction(formString(formData, "team", 100), canManageDeliveryChannels);
    const channel = await requireTeamChannel(access, formString(formData, "channel", 100));
    // A test posts to someone else's group or inbox: a few a minute per team is plenty.
    await hitRateLimit(`delivery-test:${access.teamId}`, { max: 10, windowSeconds: 60 });
    const pageLocale = await getLocale();
    const locale = isLocale(pageLocale) ? pageLocale : DEFAULT_LOCALE;
    const values = { team: access.name, name: viewer.name };
    const outcome = await sendToChannel({
      teamId: access.teamId,
      channelId: channel.id,
      purpose: "test",
      message: {
        title: translate(locale, "delivery.testMessage.title"),
        text: translate(locale, "delivery.testMessage.text", values),
        markdown: translate(locale, "delivery.testMessage.markdown", values),
      },
      recipients: [{ userId: viewer.id, email: viewer.email, name: viewer.name, locale }],
    });
    await recordAudit({
      action: "delivery.channel.test",
      teamId: access.teamId,
      actorId: access.userId,
      targetType: "deliveryChannel",
      targetId: channel.id,
      detail: { kind: channel.kind, name: channel.name, ok: outcome.ok, error: outcome.ok ? null : outcome.error },
    });
    revalidatePath(settingsPath(access.slug));
    if (outcome.ok) {
      const message = channel.kind === "email" ? { key: "delivery.list.testSentEmail", values: { email: viewer.email } } : { key: "delivery.list.testSent" };
      return { ok: true, data: { delivered: true, message } };
    }
    return { ok: true, data: { delivered: false, message: { key: deliveryErrorKey(outcome.error) }, ...(outcome.detail ? { detail: outcome.detail } : {}) } };
  } catch (error) {
    return failure(error);
  }
}
