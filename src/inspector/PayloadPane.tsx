import { base64Chunks, CHUNK_CHARS, hexChunks, stringChunks, utf8Chunks } from '../payload/chunks';
import { formatBytes, formatCount } from '../payload/format';
import { type Inspection, PREVIEW_BYTES } from '../payload/inspect';
import { prettyJsonChunks } from '../payload/prettyJson';
import { JsonTree } from './JsonTree';
import { ProgressiveText, type ShownMatches } from './ProgressiveText';
import type { View } from './payloadViews';

/** Hex dump lines per chunk (a frame's work) and bytes per "Show more" page: 256 lines, 4,096 lines. */
const HEX_CHUNK_LINES = 256;
const HEX_PAGE_BYTES = 64 * 1024;
/**
 * Pretty text shown before "Show all". Pretty-printing multiplies a payload (1 MB of zeros becomes 5.5 M
 * characters), so it is cut like the preview of a large payload; the raw Text view has all of it.
 */
const PRETTY_LIMIT_CHARS = PREVIEW_BYTES;

const showAll = (left: number) => `Show all (${formatBytes(left)} more)`;

/** Base64 characters per "Show more" page: 64 kB of payload, 87 k characters. */
const BASE64_PAGE_BYTES = 64 * 1024;

/**
 * The selected view of one payload. Each view is remounted (a key) when the payload or view changes.
 * `search` marks matches in the JSON and Text views and reports them through `onMatches`.
 */
export function PayloadPane({
  bytes,
  inspection,
  view,
  search = null,
  onMatches,
}: {
  bytes: Uint8Array;
  inspection: Inspection;
  view: View;
  search?: RegExp | null;
  onMatches?: (matches: ShownMatches) => void;
}) {
  const { text } = inspection;
  const searched = { search, onMatches };
  switch (view) {
    case 'pretty':
      return (
        <ProgressiveText
          key="pretty"
          makeSource={() => prettyJsonChunks(inspection.json, CHUNK_CHARS)}
          className="mono wrap"
          reveal
          limit={PRETTY_LIMIT_CHARS}
          step={Number.POSITIVE_INFINITY}
          moreLabel={() => 'Show all'}
          summary={(position) => `Showing the first ${formatCount(position)} characters of the pretty view.`}
          {...searched}
        />
      );
    case 'tree':
      return <JsonTree value={inspection.json} />;
    case 'text':
      if (text === undefined) return null;
      if (inspection.partial) {
        return (
          <ProgressiveText
            key="text-partial"
            makeSource={() => utf8Chunks(bytes, CHUNK_CHARS)}
            className="mono wrap"
            reveal
            limit={PREVIEW_BYTES}
            step={Number.POSITIVE_INFINITY}
            moreLabel={showAll}
            summary={(position, total) =>
              `Showing the first ${formatBytes(position)} of ${formatBytes(total)}.`
            }
            {...searched}
          />
        );
      }
      return (
        <ProgressiveText
          key="text"
          makeSource={() => stringChunks(text, CHUNK_CHARS)}
          className="mono wrap"
          reveal
          limit={Number.POSITIVE_INFINITY}
          step={Number.POSITIVE_INFINITY}
          moreLabel={showAll}
          {...searched}
        />
      );
    case 'hex':
      return (
        <ProgressiveText
          key="hex"
          makeSource={() => hexChunks(bytes, HEX_CHUNK_LINES)}
          className="mono hex"
          reveal={false}
          limit={HEX_PAGE_BYTES}
          step={HEX_PAGE_BYTES}
          moreLabel={(left) => `Show more (${formatBytes(left)} left)`}
        />
      );
    case 'base64':
      return (
        <ProgressiveText
          key="base64"
          makeSource={() => base64Chunks(bytes)}
          className="mono wrap base64"
          reveal={false}
          limit={BASE64_PAGE_BYTES}
          step={BASE64_PAGE_BYTES}
          moreLabel={(left) => `Show more (${formatBytes(left)} left)`}
        />
      );
  }
}
