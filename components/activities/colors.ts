// One colour per ops role and per funnel stage, used by chips, charts and the heatmap alike.
export const ROLE_COLORS: Record<string, { chip: string; hex: string }> = {
  user: { chip: "bg-sky-100 text-sky-800 ring-sky-300", hex: "#0284c7" },
  content: { chip: "bg-amber-100 text-amber-800 ring-amber-300", hex: "#d97706" },
  community: { chip: "bg-emerald-100 text-emerald-800 ring-emerald-300", hex: "#059669" },
  new_media: { chip: "bg-pink-100 text-pink-800 ring-pink-300", hex: "#db2777" },
  business: { chip: "bg-violet-100 text-violet-800 ring-violet-300", hex: "#7c3aed" },
  product: { chip: "bg-cyan-100 text-cyan-800 ring-cyan-300", hex: "#0891b2" },
  activity: { chip: "bg-orange-100 text-orange-800 ring-orange-300", hex: "#ea580c" },
  marketing: { chip: "bg-rose-100 text-rose-800 ring-rose-300", hex: "#e11d48" },
};

export const STAGE_COLORS: Record<string, { chip: string; hex: string }> = {
  acquisition: { chip: "bg-indigo-50 text-indigo-800 ring-indigo-200", hex: "#4f46e5" },
  connection: { chip: "bg-teal-50 text-teal-800 ring-teal-200", hex: "#0d9488" },
  activation: { chip: "bg-lime-50 text-lime-800 ring-lime-200", hex: "#65a30d" },
  retention: { chip: "bg-yellow-50 text-yellow-800 ring-yellow-200", hex: "#ca8a04" },
  referral: { chip: "bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-200", hex: "#c026d3" },
};

export const ROLE_ORDER = ["user", "content", "community", "new_media", "business", "product", "activity", "marketing"] as const;
export const STAGE_ORDER = ["acquisition", "connection", "activation", "retention", "referral"] as const;
