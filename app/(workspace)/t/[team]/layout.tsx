import { WorkspaceNav } from "@/components/layout/workspace-nav";
import { listUserTeams } from "@/lib/teams/access";
import { teamLayout } from "@/lib/teams/context";
import { unreadCommentCount } from "@/lib/comments/queries";

export const dynamic = "force-dynamic";

export default async function TeamLayout({ children, params }: { children: React.ReactNode; params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { viewer, access } = await teamLayout(team);
  const [teams, unreadComments] = await Promise.all([listUserTeams(viewer.id), unreadCommentCount(access.teamId, viewer.id)]);
  return (
    <div className="min-h-screen">
      <WorkspaceNav
        team={{ slug: access.slug, name: access.name }}
        role={access.role}
        viewer={{ name: viewer.name, email: viewer.email }}
        teams={teams.map((t) => ({ slug: t.slug, name: t.name }))}
        unreadComments={unreadComments}
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
