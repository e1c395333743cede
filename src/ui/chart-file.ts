/**
 * A chart on the page as a file that stands alone: the Recharts SVG with its title above, axis labels beside and a
 * legend below (on the page the title is a figcaption and the legend is HTML, so both are drawn in here), as SVG
 * text or as a PNG drawn from that SVG on a canvas.
 */

export interface ChartFileOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
}

interface LegendEntry {
  label: string;
  color: string;
  dashed: boolean;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The legend drawn as HTML (ChartLegend's, or the sweep chart's own list): each entry's text and the colour of its icon. */
function legendOf(figure: Element): LegendEntry[] {
  return Array.from(figure.querySelectorAll('.chart-legend li')).map((item) => {
    const icon = item.querySelector('path, line, rect');
    return {
      label: item.textContent ?? '',
      color: icon?.getAttribute('stroke') ?? icon?.getAttribute('fill') ?? '#000',
      dashed: !!icon?.getAttribute('stroke-dasharray'),
    };
  });
}

let measure: CanvasRenderingContext2D | null = null;
function textWidth(text: string, px: number, weight = 400): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * px * 0.6;
  measure.font = `${weight} ${px}px ${FONT}`;
  return measure.measureText(text).width;
}

/** Words in lines no wider than `width`. */
function wrap(text: string, width: number, px: number, weight: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, px, weight) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The chart inside `figure` as a standalone SVG document, and its size in CSS pixels. */
export function chartSvg(figure: Element, o: ChartFileOptions): { svg: string; width: number; height: number } {
  // The chart's own surface (the legends' icons are plain svg elements, not Recharts surfaces).
  const chart = figure.querySelector('svg.recharts-surface');
  if (!chart) throw new Error('no chart to save');
  const box = chart.getBoundingClientRect();
  const cw = Math.round(box.width) || Number(chart.getAttribute('width')) || 600;
  const full = Math.round(box.height) || Number(chart.getAttribute('height')) || 260;
  // Recharts keeps room at the bottom of the SVG for its HTML legend; the legend is drawn below instead.
  const ch = full - Math.round(figure.querySelector('.recharts-legend-wrapper')?.getBoundingClientRect().height ?? 0);
  const pad = 12;
  const yLabelW = o.yLabel ? 20 : 0;
  const xLabelH = o.xLabel ? 22 : 0;
  const width = cw + yLabelW + 2 * pad;
  const titleLines = wrap(o.title, width - 2 * pad, 15, 600);
  const titleH = titleLines.length * 20 + 10;

  // Legend entries flow in rows across the width.
  const entries = legendOf(figure);
  const rows: { x: number; entry: LegendEntry }[][] = [[]];
  let x = pad;
  for (const entry of entries) {
    const w = 26 + textWidth(entry.label, 12) + 16;
    if (x + w > width - pad && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = pad;
    }
    rows.at(-1)!.push({ x, entry });
    x += w;
  }
  const legendH = entries.length > 0 ? rows.length * 18 + 6 : 0;
  const height = pad + titleH + ch + xLabelH + legendH + pad;

  const clone = chart.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('x', String(pad + yLabelW));
  clone.setAttribute('y', String(pad + titleH));
  clone.setAttribute('width', String(cw));
  clone.setAttribute('height', String(ch));
  clone.setAttribute('viewBox', `0 0 ${cw} ${ch}`);
  // Tick labels may reach past the plot's box, as on the page.
  clone.setAttribute('overflow', 'visible');
  clone.removeAttribute('style');
  const inner = new XMLSerializer().serializeToString(clone);

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...titleLines.map(
      (line, i) => `<text x="${pad}" y="${pad + 15 + i * 20}" font-size="15" font-weight="600" fill="#1d1f23">${escape(line)}</text>`,
    ),
    inner,
  ];
  if (o.xLabel) {
    parts.push(
      `<text x="${pad + yLabelW + cw / 2}" y="${pad + titleH + ch + 8}" font-size="12" text-anchor="middle" fill="#444">${escape(o.xLabel)}</text>`,
    );
  }
  if (o.yLabel) {
    const cy = pad + titleH + ch / 2;
    parts.push(
      `<text x="${pad + 12}" y="${cy}" font-size="12" text-anchor="middle" fill="#444" transform="rotate(-90 ${pad + 12} ${cy})">${escape(o.yLabel)}</text>`,
    );
  }
  const legendTop = pad + titleH + ch + xLabelH + 6;
  rows.forEach((row, i) => {
    const y = legendTop + i * 18 + 9;
    for (const { x: lx, entry } of row) {
      parts.push(
        `<line x1="${lx}" y1="${y}" x2="${lx + 20}" y2="${y}" stroke="${escape(entry.color)}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="6 3"' : ''}/>`,
        `<text x="${lx + 26}" y="${y + 4}" font-size="12" fill="#1d1f23">${escape(entry.label)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}

/** The SVG drawn on a canvas at `scale` times its size, as PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name from a chart's title. */
export const chartFileName = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'chart';
