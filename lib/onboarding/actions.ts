"use server";
// Server actions of the Learn area. Each checks the session and the viewer's access to the team itself;
// the team id used below is always the one that check returned.
import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { failure, formString, type FormState } from "@/lib/forms";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { teamAction, teamFormAction } from "@/lib/teams/context";
import type { QuizFeedback } from "./feedback";
import { pinGoldenExample, unpinGoldenExample } from "./golden";
import { setLibraryHidesNames } from "./library";
import { answerQuizItem } from "./quiz-items";
import { completeTourFor } from "./tour";

async function accessFor(teamSlug: unknown) {
  return (await teamAction(teamSlug)).access;
}

async function currentLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** Managers pin a confirmed entry as a golden example, with a short reason. Re-pinning rewords the reason. */
export async function pinGolden(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const access = await accessFor(formString(formData, "team", 64));
    await pinGoldenExample(access, formString(formData, "activityId", 64), formString(formData, "comment", 2000));
    revalidatePath(`/t/${access.slug}/learn`, "layout");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function unpinGolden(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const access = await accessFor(formString(formData, "team", 64));
    await unpinGoldenExample(access, formString(formData, "activityId", 64));
    revalidatePath(`/t/${access.slug}/learn`, "layout");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Checks one practice answer against the team's tags, records it and returns the feedback. */
export async function answerQuiz(teamSlug: string, itemRef: string, answer: { role: string; stage: string }): Promise<FormState<QuizFeedback>> {
  try {
    const access = await accessFor(teamSlug);
    const feedback = await answerQuizItem(access, itemRef, { role: answer?.role, stage: answer?.stage }, await currentLocale());
    return { ok: true, data: feedback };
  } catch (error) {
    return failure(error);
  }
}

/** For actions bound straight to a <form>: signed out goes to sign-in, any other refusal is "not found". */
async function formAccessFor(teamSlug: unknown) {
  return (await teamFormAction(teamSlug)).access;
}

const TOUR_EXITS = { today: "today", practice: "learn/practice?tour=done" } as const;

/** Ends the first-day tour (finished or skipped) and goes on to a fixed page of the team. */
export async function completeTour(formData: FormData): Promise<void> {
  const access = await formAccessFor(formString(formData, "team", 64));
  const outcome = formString(formData, "outcome", 20) === "skipped" ? "skipped" : "completed";
  await completeTourFor(access, outcome);
  const next = formString(formData, "next", 20) === "practice" ? TOUR_EXITS.practice : TOUR_EXITS.today;
  revalidatePath(`/t/${access.slug}`, "layout");
  redirect(`/t/${access.slug}/${next}`);
}

/** Managers decide whether members' names show in the example library. */
export async function setHideLibraryNames(formData: FormData): Promise<void> {
  const access = await formAccessFor(formString(formData, "team", 64));
  try {
    await setLibraryHidesNames(access, formString(formData, "hide", 5) === "1");
  } catch (error) {
    if (error instanceof DomainError) notFound();
    throw error;
  }
  revalidatePath(`/t/${access.slug}/learn`, "layout");
}
