/**
 * Several registries as one Prometheus text page. prom-client's Registry.merge refuses two metrics of
 * one name, yet every app in a process has `twinric_indications_total` (told apart by their `app`
 * label): here the series of same-named metrics are grouped under one HELP/TYPE header.
 */
import type { Registry } from "prom-client";

interface Family {
  help: string;
  type: string;
  lines: string[];
}

export async function metricsText(registries: readonly Registry[]): Promise<string> {
  const families = new Map<string, Family>();
  for (const r of registries) {
    for (const m of await r.getMetricsAsJSON()) {
      let f = families.get(m.name);
      if (!f) families.set(m.name, (f = { help: m.help, type: String(m.type), lines: [] }));
      for (const v of m.values as { metricName?: string; labels: Record<string, unknown>; value: number }[]) {
        f.lines.push(`${v.metricName ?? m.name}${labelText(v.labels)} ${numberText(v.value)}`);
      }
    }
  }
  let out = "";
  for (const [name, f] of families) {
    out += `# HELP ${name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${name} ${f.type}\n`;
    for (const line of f.lines) out += `${line}\n`;
  }
  return out;
}

function labelText(labels: Record<string, unknown>): string {
  const parts = Object.entries(labels ?? {}).map(
    ([k, v]) => `${k}="${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

function numberText(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}
