// The "member" filter of the GET forms (entries, dashboards, reports): every member, or "all" as the empty value.
export function MemberSelect({
  label,
  allLabel,
  members,
  value,
  labelClassName = "text-xs text-slate-600",
  className,
  testId,
}: {
  label: string;
  allLabel: string;
  members: { id: string; name: string }[];
  value: string | null | undefined;
  labelClassName?: string;
  className: string;
  testId?: string;
}) {
  return (
    <label className={labelClassName}>
      {label}
      <select name="member" defaultValue={value ?? ""} className={className} data-testid={testId}>
        <option value="">{allLabel}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
