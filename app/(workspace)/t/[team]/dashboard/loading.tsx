// Shown while the dashboard's queries run: the layout's shape, so nothing jumps when the numbers arrive.
export default function DashboardLoading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-live="polite">
      <div className="h-7 w-48 rounded bg-slate-200" />
      <div className="h-14 rounded-lg bg-slate-100" />
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
