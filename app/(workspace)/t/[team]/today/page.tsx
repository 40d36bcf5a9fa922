import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TodayLogger } from "@/components/activities/today-logger";
import { TourBanner } from "@/components/learn/tour-banner";
import { ReminderPreferences } from "@/components/rhythm/reminder-preferences";
import { getReminderPreference, hasLoggedOn, reminderToday } from "@/lib/rhythm/preferences";
import { getRhythmSchedule } from "@/lib/rhythm/schedule-settings";
import { listActivities } from "@/lib/activities/queries";
import { todayIn } from "@/lib/activities/rules";
import { teamPage } from "@/lib/teams/context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("today"))("title") };
}

export default async function TodayPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { viewer, access } = await teamPage(team);
  const today = todayIn(access.timeZone);
  const { activities } = await listActivities(access, { member: viewer.id, from: today, to: today, limit: 200 });
  const t = await getTranslations("today");
  const [schedule, preference, reminderDay] = await Promise.all([getRhythmSchedule(access.teamId), getReminderPreference(access), reminderToday(access)]);
  const loggedOnReminderDay = reminderDay === today ? activities.length > 0 : await hasLoggedOn(access, reminderDay);
  return (
    <div className="mx-auto max-w-3xl">
      <TourBanner teamSlug={access.slug} userId={viewer.id} teamId={access.teamId} />
      <h1 className="mb-4 text-xl font-semibold">
        {t("title")} <span className="text-sm font-normal text-slate-500">{today}</span>
      </h1>
      <TodayLogger teamSlug={access.slug} viewerId={access.userId} today={today} initial={activities} />
      <ReminderPreferences
        teamSlug={access.slug}
        teamReminderTime={schedule.reminderEnabled ? schedule.reminderTime : null}
        day={reminderDay}
        loggedToday={loggedOnReminderDay}
        preference={preference}
      />
    </div>
  );
}
