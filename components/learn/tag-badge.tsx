// Static role and stage chips in the taxonomy's colours (the editable chips live in components/activities).
import { useTranslations } from "next-intl";
import { ROLE_COLORS, STAGE_COLORS } from "@/components/activities/colors";

const CHIP = "inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset";

export function RoleBadge({ role, testId }: { role: string; testId?: string }) {
  const t = useTranslations("taxonomy");
  return (
    <span className={`${CHIP} ${ROLE_COLORS[role]?.chip ?? ""}`} data-testid={testId} data-value={role}>
      {t(`roles.${role}`)}
    </span>
  );
}

export function StageBadge({ stage, testId }: { stage: string; testId?: string }) {
  const t = useTranslations("taxonomy");
  return (
    <span className={`${CHIP} ${STAGE_COLORS[stage]?.chip ?? ""}`} data-testid={testId} data-value={stage}>
      {t(`stages.${stage}`)}
    </span>
  );
}
