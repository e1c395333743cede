import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chartFileName, chartSvg, svgToPng } from './chart-file';
import { download } from './download';

/**
 * PNG and SVG buttons for the chart in the same <figure>: the file has the chart's title, axis labels and legend.
 */
export function ChartDownload({ title, xLabel, yLabel }: { title: string; xLabel?: string; yLabel?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  const [busy, setBusy] = useState(false);
  const save = async (format: 'png' | 'svg') => {
    const figure = ref.current?.closest('figure');
    if (!figure) return;
    const { svg, width, height } = chartSvg(figure, { title, xLabel, yLabel });
    if (format === 'svg') return download(`${chartFileName(title)}.svg`, svg, 'image/svg+xml');
    setBusy(true);
    try {
      download(`${chartFileName(title)}.png`, await svgToPng(svg, width, height));
    } finally {
      setBusy(false);
    }
  };
  const label = (format: string) => t('exchange.charts.download', { title, format });
  return (
    <span className="chart-download" ref={ref} data-testid="chart-download">
      <button type="button" onClick={() => void save('png')} disabled={busy} aria-label={label('PNG')} title={label('PNG')}>
        PNG
      </button>
      <button type="button" onClick={() => void save('svg')} aria-label={label('SVG')} title={label('SVG')}>
        SVG
      </button>
    </span>
  );
}
