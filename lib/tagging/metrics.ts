// Classification metrics for the eval CLI and the quality tests: accuracy, per-class P/R/F1, macro-F1, confusion.

export interface ClassReport {
  key: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface HeadReport {
  accuracy: number;
  macroF1: number;
  perClass: ClassReport[];
  /** confusion[gold][predicted] in the order of `keys`. */
  confusion: number[][];
  keys: readonly string[];
}

export function headReport(keys: readonly string[], gold: readonly string[], predicted: readonly string[]): HeadReport {
  const index = new Map(keys.map((k, i) => [k, i]));
  const confusion = keys.map(() => keys.map(() => 0));
  let correct = 0;
  gold.forEach((g, i) => {
    const gi = index.get(g);
    const pi = index.get(predicted[i]);
    if (gi === undefined || pi === undefined) return;
    confusion[gi][pi]++;
    if (gi === pi) correct++;
  });
  const perClass = keys.map((key, k) => {
    const tp = confusion[k][k];
    const support = confusion[k].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[k], 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { key, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.length === 0 ? 0 : present.reduce((a, c) => a + c.f1, 0) / present.length;
  return { accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1, perClass, confusion, keys };
}

/** Expected calibration error over equal-width confidence bins. */
export function calibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const idx = confidences.map((c, i) => (c > lo || (b === 0 && c === 0)) && c <= hi ? i : -1).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const conf = idx.reduce((a, i) => a + confidences[i], 0) / idx.length;
    const acc = idx.filter((i) => correct[i]).length / idx.length;
    total += (idx.length / confidences.length) * Math.abs(conf - acc);
  }
  return total;
}

export function formatHead(title: string, report: HeadReport): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  const width = Math.max(...report.keys.map((k) => k.length), 6);
  const lines = [`${title}: accuracy ${pct(report.accuracy)}%  macro-F1 ${report.macroF1.toFixed(3)}`];
  lines.push(`  ${"".padEnd(width)}  ${"P".padStart(5)}  ${"R".padStart(5)}  ${"F1".padStart(5)}  n`);
  for (const c of report.perClass) {
    lines.push(`  ${c.key.padEnd(width)}  ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${c.support}`);
  }
  const abbreviations = report.keys.map((k) => k.slice(0, 5));
  lines.push(`  confusion (rows gold, columns predicted):`);
  lines.push(`  ${"".padEnd(width)}  ${abbreviations.map((a) => a.padStart(5)).join(" ")}`);
  report.confusion.forEach((row, i) => {
    lines.push(`  ${report.keys[i].padEnd(width)}  ${row.map((v) => String(v).padStart(5)).join(" ")}`);
  });
  return lines.join("\n");
}

/** "zh" when the text has a Chinese character, else "en" (for sets without a lang field). */
export function languageOf(text: string): "zh" | "en" {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text) ? "zh" : "en";
}

export interface CurvePoint {
  /** Share of all entries flagged. */
  flagRate: number;
  /** Share of the wrong entries among the flagged. */
  catchRate: number;
}

/**
 * Review queue curve: flag the entries with the lowest score first; for each flag budget (share of entries), the share
 * of the wrong entries caught. Ties are broken by input order, so the curve is deterministic.
 */
export function catchCurve(scores: readonly number[], wrong: readonly boolean[], budgets: readonly number[]): CurvePoint[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const totalWrong = wrong.filter(Boolean).length;
  return budgets.map((budget) => {
    const k = Math.round(budget * scores.length);
    let caught = 0;
    for (let i = 0; i < k; i++) if (wrong[order[i]]) caught++;
    return { flagRate: scores.length === 0 ? 0 : k / scores.length, catchRate: totalWrong === 0 ? 1 : caught / totalWrong };
  });
}
