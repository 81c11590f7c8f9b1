/**
 * A chart on the page as a file: SVG that stands alone (styles inlined from the page, title and legend
 * drawn in, white background, dark text whatever the theme) and PNG drawn from that SVG on a canvas at
 * a multiple of its size, sharp on a projector. Browser only: it reads computed styles.
 * The PNG step loads the SVG through a blob: URL, which the CSP's img-src allows (docs/security.md).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Text colour of exported charts: they are pasted onto white slides and pages. */
const INK = '#1a1a1a';
const FONT = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

/** Presentation properties a chart's CSS may set; copied as attributes so no stylesheet is needed. */
const PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'shape-rendering',
] as const;

/** A finished chart image's text and size in CSS pixels. */
export interface ChartSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Properties SVG children inherit: written only where they differ from the parent's. */
const INHERITED = new Set(['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'font-size', 'font-weight', 'text-anchor', 'visibility', 'shape-rendering']);
/** Initial values: not written on the root (inherited ones) or anywhere (the others). */
const INITIAL: Record<string, readonly string[]> = {
  'fill-opacity': ['1'], 'stroke-opacity': ['1'], 'stroke-dasharray': ['none'], 'stroke-linecap': ['butt'], 'stroke-linejoin': ['miter'],
  opacity: ['1'], visibility: ['visible'], display: ['inline', 'block'], 'shape-rendering': ['auto'], 'dominant-baseline': ['auto'],
  'font-weight': ['400', 'normal'], 'text-anchor': ['start'], stroke: ['none'], 'stroke-width': ['1px'],
};

/**
 * Copies the computed presentation of `source` and its descendants onto the clone, element by element,
 * leaving out what the element would inherit or has anyway, so the file stays small.
 */
function inline(source: Element, clone: Element, parent: ReadonlyMap<string, string> | null): void {
  const style = getComputedStyle(source);
  const ink = style.color;
  const mine = new Map<string, string>();
  for (const p of PROPERTIES) {
    let value = style.getPropertyValue(p);
    if (!value) continue;
    // currentColor follows the page theme (light text on dark): exported charts always use dark ink.
    if ((p === 'fill' || p === 'stroke') && value === ink) value = INK;
    mine.set(p, value);
    const inherited = INHERITED.has(p) && parent !== null ? parent.get(p) === value : INITIAL[p]?.includes(value) === true;
    if (inherited) clone.removeAttribute(p);
    else clone.setAttribute(p, value);
  }
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  const from = source.children;
  const to = clone.children;
  for (let i = 0; i < from.length && i < to.length; i++) inline(from[i]!, to[i]!, mine);
}

/** The legend entries an HTML legend beside the chart shows, as colour and label. */
function legendOf(figure: Element): { colour: string; label: string }[] {
  return [...figure.querySelectorAll('.legend li')].map((li) => {
    const swatch = li.querySelector('.swatch');
    return { colour: swatch ? getComputedStyle(swatch).backgroundColor : INK, label: li.textContent?.trim() ?? '' };
  });
}

/**
 * The chart in `figure` (its first `<svg>`) as a self-contained SVG with `title` above it and the
 * legend below it. Interactive parts (focus rings, the brush overlay) come along only as drawn.
 */
export function chartSvg(figure: Element, title: string): ChartSvg {
  const source = figure.querySelector('svg');
  if (!source) throw new Error('Diagrammet har ingen bild att spara.');
  const box = source.getBoundingClientRect();
  const width = Math.round(box.width || Number(source.getAttribute('width')) || 640);
  const chartHeight = Math.round(box.height || Number(source.getAttribute('height')) || 240);
  const clone = source.cloneNode(true) as SVGSVGElement;
  // The root's inherited values are compared with the exported root's own (dark ink, no stroke).
  inline(source, clone, new Map([['fill', INK], ['stroke', 'none'], ['stroke-width', '1px'], ['font-size', '16px'], ['font-weight', '400'], ['text-anchor', 'start'], ['fill-opacity', '1'], ['stroke-opacity', '1'], ['stroke-dasharray', 'none'], ['stroke-linecap', 'butt'], ['stroke-linejoin', 'miter'], ['visibility', 'visible'], ['shape-rendering', 'auto']]));
  // Svelte's anchor comments mean nothing in a file.
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
  for (const a of ['role', 'tabindex', 'aria-label', 'width', 'height']) clone.removeAttribute(a);
  clone.querySelectorAll('[role], [tabindex], [aria-pressed], [aria-label]').forEach((n) => {
    for (const a of ['role', 'tabindex', 'aria-pressed', 'aria-label']) n.removeAttribute(a);
  });

  const top = 30;
  const legend = legendOf(figure);
  const rows = legendRows(legend.map((l) => l.label), width);
  const height = top + chartHeight + rows.length * 20 + (rows.length ? 8 : 0);
  const root = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, fill: INK });
  root.append(el('title', {}, title));
  root.append(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  root.append(el('text', { x: 8, y: 20, 'font-size': 15, 'font-weight': 600, fill: INK }, title));
  const body = el('g', { transform: `translate(0 ${top})` });
  clone.setAttribute('x', '0');
  clone.setAttribute('y', '0');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(chartHeight));
  body.append(clone);
  root.append(body);
  let k = 0;
  rows.forEach((row, r) => {
    const y = top + chartHeight + 8 + r * 20;
    for (const item of row) {
      const entry = legend[k++]!;
      root.append(el('rect', { x: item.x, y: y + 2, width: 11, height: 11, fill: entry.colour }));
      root.append(el('text', { x: item.x + 15, y: y + 12, 'font-size': 12, fill: INK }, entry.label));
    }
  });
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width, height };
}

/** Legend entries placed left to right, wrapping at `width`; text width estimated at 7 px a character. */
export function legendRows(labels: readonly string[], width: number): { x: number }[][] {
  const rows: { x: number }[][] = [];
  let x = 8;
  let row: { x: number }[] = [];
  for (const label of labels) {
    const w = 15 + label.length * 7 + 16;
    if (row.length > 0 && x + w > width) {
      rows.push(row);
      row = [];
      x = 8;
    }
    row.push({ x });
    x += w;
  }
  if (row.length) rows.push(row);
  return rows;
}

/** The SVG drawn on a canvas at `scale` × its size (2–3 for slides and print) and encoded as PNG. */
export async function svgToPng(svg: ChartSvg, scale = 3): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('Diagrammet kunde inte ritas som bild.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('Webbläsaren kan inte rita bilder (canvas saknas).');
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Bilden kunde inte sparas som PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
