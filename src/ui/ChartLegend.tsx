import type { LegendPayload } from 'recharts';

/**
 * The charts' legend: a line in each series' colour and dash, then its name. Recharts' own legend labels every icon
 * "<name> legend icon" in English for screen readers; here the icon is decoration and the name says it all.
 */
export function ChartLegend({ payload }: { payload?: readonly LegendPayload[] }) {
  const items = (payload ?? []).filter((e) => e.type !== 'none' && e.value != null);
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend">
      {items.map((e, i) => {
        const dash = (e.payload as { strokeDasharray?: string } | undefined)?.strokeDasharray;
        return (
          <li key={i}>
            <svg width={16} height={10} aria-hidden="true">
              <line x1={0} y1={5} x2={16} y2={5} stroke={e.color} strokeWidth={2} strokeDasharray={dash ? '4 2' : undefined} />
            </svg>
            {e.value}
          </li>
        );
      })}
    </ul>
  );
}
