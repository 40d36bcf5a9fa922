"use server";
// Server actions of the dashboards. Each checks the session and the team permission itself.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { Invalid } from "@/lib/errors";
import { failure, type FormState } from "@/lib/forms";
import { teamAction, viewerAction } from "@/lib/teams/context";
import { SLUG_PATTERN } from "@/lib/teams/slug";
import { canSetTargets } from "./permissions";
import { keysOf } from "./mix";
import { setTargetMix } from "./targets";

const percent = z
  .string()
  .trim()
  .max(12)
  .transform((value) => (value === "" ? 0 : Number(value.replace(/[%％]$/, ""))))
  .refine((value) => Number.isFinite(value) && value >= 0 && value <= 100, { message: "dashboard.errors.targetRange" });

const targetForm = z.object({
  team: z.string().regex(SLUG_PATTERN),
  dimension: z.enum(["role", "stage"]),
  clear: z.enum(["1"]).optional(),
});

/** Sets (or, with clear=1 or all fields blank, removes) the team's target mix for roles or for stages. */
export async function setTargetMixAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await viewerAction();
    if (!(formData instanceof FormData)) throw new Invalid();
    const parsed = targetForm.safeParse({
      team: formData.get("team"),
      dimension: formData.get("dimension"),
      clear: formData.get("clear") ?? undefined,
    });
    if (!parsed.success) throw new Invalid("dashboard.errors.targetForm");
    const { access } = await teamAction(parsed.data.team, canSetTargets);
    const { dimension } = parsed.data;
    let percents: Record<string, number> | null = null;
    if (!parsed.data.clear) {
      percents = {};
      for (const key of keysOf(dimension)) {
        const value = percent.safeParse(String(formData.get(`pct.${key}`) ?? ""));
        if (!value.success) throw new Invalid("dashboard.errors.targetRange", { field: `pct.${key}` });
        percents[key] = value.data;
      }
    }
    await setTargetMix(access, dimension, percents);
    revalidatePath(`/t/${access.slug}/dashboard`, "layout");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
