/**
 * Escaping for the hand-written SVG and HTML templates: every piece of text that comes from a
 * result file (chip names, machine labels, specs) goes through here before it enters markup.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in XML/HTML content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A file- and id-safe slug: `matmul m=2048 dtype=f32` → `matmul-m-2048-dtype-f32`. */
export function slugify(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'chart' : slug.slice(0, 80);
}

/** A number for an SVG attribute: at most one decimal, no trailing `.0`. */
export function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}
