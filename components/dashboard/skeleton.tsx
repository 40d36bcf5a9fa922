// Shown while a dashboard's queries run (the page's access checks have already passed, so a "not found" is a
// real 404 and never a streamed 200): the layout's shape, so nothing jumps when the numbers arrive.
export function DashboardSkeleton() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" data-testid="dashboard-loading">
      <div className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-slate-100" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-64 rounded-lg bg-slate-100" />
        <div className="h-64 rounded-lg bg-slate-100" />
      </div>
      <div className="h-80 rounded-lg bg-slate-100" />
    </div>
  );
}
