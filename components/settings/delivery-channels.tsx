"use client";
// Team settings → delivery channels: add a channel (fields per kind), and per channel: send a test message (outcome
// inline), turn on/off, edit (a blank URL or secret keeps the saved one), delete. Secrets are never sent back here.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button, ErrorMessage, Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  createChannelAction,
  deleteChannelAction,
  sendTestMessageAction,
  setChannelEnabledAction,
  updateChannelAction,
  type ChannelFormData,
} from "@/lib/delivery/actions";
import type { ChannelView } from "@/lib/delivery/channels";
import { CHANNEL_KINDS, KIND_FIELDS, type ChannelKind } from "@/lib/delivery/types";
import type { FormState } from "@/lib/forms";

/** A channel as the settings page shows it (no URL, no secret), with its "saved on" date already formatted. */
export type ChannelRowView = Omit<ChannelView, "secretSavedAt" | "createdAt"> & { savedOn: string | null };

function useRefreshOnOk(state: FormState<unknown>, after?: () => void) {
  const router = useRouter();
  useEffect(() => {
    if (state.ok) {
      after?.();
      router.refresh();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, router]);
}

function fieldError(t: ReturnType<typeof useTranslations>, state: FormState<ChannelFormData>, field: "kind" | "name" | "url" | "secret"): string | null {
  const ref = state.data?.fieldErrors?.[field];
  return ref ? t(ref.key, ref.values) : null;
}

export function AddChannelForm({ teamSlug }: { teamSlug: string }) {
  const t = useTranslations();
  const [kind, setKind] = useState<ChannelKind>("lark");
  const [state, onSubmit, pending] = useFormAction(createChannelAction);
  const form = useRef<HTMLFormElement>(null);
  useRefreshOnOk(state, () => form.current?.reset());
  const fields = KIND_FIELDS[kind];
  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="add-channel-form" noValidate>
      <h3 className="font-medium">{t("delivery.form.add")}</h3>
      <input type="hidden" name="team" value={teamSlug} />
      <div className="space-y-1">
        <label htmlFor="channel-kind" className="block text-sm font-medium text-slate-700">
          {t("delivery.form.kind")}
        </label>
        <select
          id="channel-kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as ChannelKind)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`delivery.kinds.${k}`)}
            </option>
          ))}
        </select>
        <p className="text-xs text-slate-500" data-testid="channel-kind-hint">
          {t(`delivery.hints.${kind}`)}
        </p>
      </div>
      <Field label={t("delivery.form.name")} id="channel-name" name="name" placeholder={t("delivery.form.namePlaceholder")} maxLength={60} error={fieldError(t, state, "name")} />
      {fields.url ? <Field label={t("delivery.form.url")} id="channel-url" name="url" type="url" autoComplete="off" spellCheck={false} error={fieldError(t, state, "url")} /> : null}
      {fields.secret !== "none" ? (
        <Field
          label={t(fields.secret === "required" ? "delivery.form.secret" : "delivery.form.secretOptional")}
          id="channel-secret"
          name="secret"
          type="password"
          autoComplete="new-password"
          error={fieldError(t, state, "secret")}
        />
      ) : null}
      <div className="flex items-center gap-3">
        <Button disabled={pending}>{t("delivery.form.submit")}</Button>
        {state.ok ? <p className="text-sm text-emerald-700" data-testid="channel-added">{t("delivery.form.added")}</p> : null}
      </div>
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
    </form>
  );
}

export function ChannelList({ teamSlug, channels, smtpReady }: { teamSlug: string; channels: ChannelRowView[]; smtpReady: boolean }) {
  const t = useTranslations();
  if (channels.length === 0) return <p className="text-sm text-slate-500">{t("delivery.list.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white" data-testid="channel-list">
      {channels.map((channel) => (
        <ChannelRow key={channel.id} teamSlug={teamSlug} channel={channel} smtpReady={smtpReady} />
      ))}
    </ul>
  );
}

function ChannelRow({ teamSlug, channel, smtpReady }: { teamSlug: string; channel: ChannelRowView; smtpReady: boolean }) {
  const t = useTranslations();
  const [tested, test, testing] = useActionState(sendTestMessageAction, {});
  const [toggled, toggle] = useActionState(setChannelEnabledAction, {});
  const [removed, remove] = useActionState(deleteChannelAction, {});
  const [editing, setEditing] = useState(false);
  useRefreshOnOk(toggled);
  useRefreshOnOk(removed);
  const error = toggled.error ?? removed.error ?? tested.error;
  const result = tested.data;
  return (
    <li className="space-y-2 px-3 py-3 text-sm" data-testid="channel-row" data-channel-name={channel.name}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{channel.name}</span>
        <span className="text-slate-500">· {t(`delivery.kinds.${channel.kind}`)}</span>
        {channel.urlHost ? <span className="font-mono text-xs text-slate-500">{channel.urlHost}</span> : null}
        {channel.savedOn ? <span className="text-xs text-slate-500" data-testid="channel-secret-state">{t("delivery.list.savedOn", { date: channel.savedOn })}</span> : null}
        {KIND_FIELDS[channel.kind].secret !== "none" ? (
          <span className="text-xs text-slate-500">{t(channel.hasSigningSecret ? "delivery.list.signed" : "delivery.list.unsigned")}</span>
        ) : null}
        <span className={`rounded px-1.5 text-xs ${channel.enabled ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`} data-testid="channel-enabled">
          {t(channel.enabled ? "delivery.list.enabled" : "delivery.list.disabled")}
        </span>
      </div>
      {channel.kind === "email" && !smtpReady ? <p className="text-amber-700">{t("delivery.list.noSmtp")}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <form action={test}>
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="channel" value={channel.id} />
          <Button variant="secondary" disabled={testing}>
            {testing ? t("delivery.list.testing") : t("delivery.list.test")}
          </Button>
        </form>
        <form action={toggle}>
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="channel" value={channel.id} />
          <input type="hidden" name="enabled" value={channel.enabled ? "0" : "1"} />
          <Button variant="ghost">{t(channel.enabled ? "delivery.list.disable" : "delivery.list.enable")}</Button>
        </form>
        <Button type="button" variant="ghost" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
          {t("delivery.list.edit")}
        </Button>
        <form
          action={remove}
          onSubmit={(event) => {
            if (!window.confirm(t("delivery.list.deleteConfirm", { name: channel.name }))) event.preventDefault();
          }}
        >
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="channel" value={channel.id} />
          <Button variant="ghost" className="text-red-700">
            {t("delivery.list.delete")}
          </Button>
        </form>
      </div>
      {result ? (
        <div role="status" data-testid="channel-test-result" data-delivered={result.delivered ? "yes" : "no"} className={result.delivered ? "text-emerald-700" : "text-red-700"}>
          {t(result.message.key, result.message.values)}
          {result.detail ? <span className="block font-mono text-xs text-slate-600">{result.detail}</span> : null}
        </div>
      ) : null}
      {editing ? <EditChannelForm teamSlug={teamSlug} channel={channel} onDone={() => setEditing(false)} /> : null}
      <ErrorMessage>{error ? t(error.key, error.values) : null}</ErrorMessage>
    </li>
  );
}

function EditChannelForm({ teamSlug, channel, onDone }: { teamSlug: string; channel: ChannelRowView; onDone: () => void }) {
  const t = useTranslations();
  const [state, onSubmit, pending] = useFormAction(updateChannelAction);
  useRefreshOnOk(state, onDone);
  const fields = KIND_FIELDS[channel.kind];
  const id = (name: string) => `${name}-${channel.id}`;
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="edit-channel-form" noValidate>
      <input type="hidden" name="team" value={teamSlug} />
      <input type="hidden" name="channel" value={channel.id} />
      <Field label={t("delivery.form.name")} id={id("name")} name="name" defaultValue={channel.name} maxLength={60} error={fieldError(t, state, "name")} />
      {fields.url ? <Field label={t("delivery.form.urlKeep")} id={id("url")} name="url" type="url" autoComplete="off" error={fieldError(t, state, "url")} /> : null}
      {fields.secret !== "none" ? (
        <>
          <Field label={t("delivery.form.secretKeep")} id={id("secret")} name="secret" type="password" autoComplete="new-password" error={fieldError(t, state, "secret")} />
          {channel.hasSigningSecret && fields.secret === "optional" ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="clearSecret" value="1" />
              {t("delivery.form.clearSecret")}
            </label>
          ) : null}
        </>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={pending}>{t("delivery.form.save")}</Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t("delivery.form.cancel")}
        </Button>
      </div>
      <ErrorMessage>{state.error ? t(state.error.key, state.error.values) : null}</ErrorMessage>
    </form>
  );
}
