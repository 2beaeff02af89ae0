import type { LogEntry } from '../ingest/types';
import { sniffKind } from '../payload/decode';
import type { MessageFacts } from '../query/query';

const UTF8 = new TextDecoder('utf-8');
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * What the filter matches a log entry against, computed lazily and at most once per entry per pass:
 * one instance is re-aimed at each entry in turn (`reset`), so a pass over 100,000 messages allocates
 * only the strings a query actually needs. Nothing is kept between passes: a decoded text or parsed
 * JSON per buffered message would double the memory the buffer's byte cap is there to bound.
 */
export class EntryFacts implements MessageFacts {
  private entry!: LogEntry;
  private _text: string | undefined;
  private _lower: string | undefined;
  private _payload: string | undefined;
  private _lowerPayload: string | undefined;
  private _json: unknown;
  private _jsonRead = false;
  topic = '';
  qos: 0 | 1 | 2 = 0;
  retain = false;
  size = 0;
  time = 0;

  reset(entry: LogEntry): this {
    this.entry = entry;
    this.topic = entry.topic;
    this.qos = entry.qos;
    this.retain = entry.retain;
    this.size = entry.payload.byteLength;
    this.time = entry.time;
    this._text = this._lower = this._payload = this._lowerPayload = undefined;
    this._json = undefined;
    this._jsonRead = false;
    return this;
  }

  /** The whole payload as text; binary payloads as their hex digits and printable characters. */
  payloadText(): string {
    if (this._payload === undefined) {
      const bytes = this.entry.payload;
      if (sniffKind(bytes) === 'binary') {
        let hex = '';
        let printable = '';
        for (const b of bytes) {
          hex += HEX[b];
          printable += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
        }
        this._payload = `${hex} ${printable}`;
      } else this._payload = UTF8.decode(bytes);
    }
    return this._payload;
  }

  lowerPayloadText(): string {
    this._lowerPayload ??= this.payloadText().toLowerCase();
    return this._lowerPayload;
  }

  /** Payload text plus the MQTT 5 properties a person would search for. */
  text(): string {
    if (this._text === undefined) {
      const p = this.entry.props;
      if (!p) this._text = this.payloadText();
      else {
        const parts = [this.payloadText()];
        if (p.contentType) parts.push(p.contentType);
        if (p.responseTopic) parts.push(p.responseTopic);
        if (p.userProperties) for (const [k, v] of p.userProperties) parts.push(k, v);
        if (p.correlationData) parts.push(UTF8.decode(p.correlationData));
        this._text = parts.join('\n');
      }
    }
    return this._text;
  }

  lowerText(): string {
    this._lower ??= this.text().toLowerCase();
    return this._lower;
  }

  /** The payload already parsed by the caller (the log row's summary): not parsed a second time. */
  seedJson(value: unknown): this {
    this._json = value;
    this._jsonRead = true;
    return this;
  }

  json(): unknown {
    if (!this._jsonRead) {
      this._jsonRead = true;
      const text = this.payloadText();
      const first = text.trimStart()[0];
      // Only structures and scalars that look like JSON are tried: parsing every text payload would
      // spend the pass on exceptions.
      if (
        first === '{' ||
        first === '[' ||
        first === '"' ||
        (first !== undefined && /[-\d tfn]/.test(first))
      ) {
        try {
          this._json = JSON.parse(text);
        } catch {
          this._json = undefined;
        }
      }
    }
    return this._json;
  }
}
