import type { PayloadKind } from '../payload/decode';
import type { Inspection, WholeCheck } from '../payload/inspect';

export type View = 'pretty' | 'tree' | 'text' | 'hex' | 'base64';

export const VIEW_LABELS: Record<View, string> = {
  pretty: 'JSON',
  tree: 'Tree',
  text: 'Text',
  hex: 'Hex',
  base64: 'Base64',
};

/** The payload's kind: the worker's whole-payload answer once there is one, else the page's. */
export function effectiveKind(inspection: Inspection, whole: WholeCheck | undefined): PayloadKind {
  return whole?.kind ?? inspection.kind;
}

/**
 * The views a payload offers and the one it opens in. The pretty and tree views need the parsed value,
 * which exists only for JSON the page parsed (up to 1 MiB and 1,000 levels); a JSON button that would
 * open an empty pane is not offered.
 */
export function viewsFor(
  inspection: Inspection,
  whole: WholeCheck | undefined,
): { views: View[]; initial: View } {
  const kind = effectiveKind(inspection, whole);
  if (kind === 'binary') return { views: ['hex', 'base64'], initial: 'hex' };
  if (kind === 'json' && inspection.parsed)
    return { views: ['pretty', 'tree', 'text', 'hex', 'base64'], initial: 'pretty' };
  return { views: ['text', 'hex', 'base64'], initial: 'text' };
}

export function formatLabel(kind: PayloadKind): string {
  switch (kind) {
    case 'json':
      return 'JSON';
    case 'text':
      return 'UTF-8 text';
    case 'binary':
      return 'binary';
    case 'empty':
      return 'empty';
  }
}
