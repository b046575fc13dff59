import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { ParsedManifest } from '../derive/types';

const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Parsed Okteto manifests, by content hash. Every entity of a monorepo shares one manifest, so it
 * is parsed once per content, not once per entity. Bounded: the least recently used content goes
 * first. Parsing limits aliases and size, so a hostile manifest cannot blow up memory.
 */
export class ManifestCache {
  private readonly parsed = new Map<string, ParsedManifest>();

  constructor(private readonly size = 16) {}

  parse(content: string): ParsedManifest {
    if (content.length > MAX_MANIFEST_BYTES) {
      return { ok: false, message: 'file too large' };
    }
    const key = createHash('sha256').update(content).digest('hex');
    const kept = this.parsed.get(key);
    if (kept) {
      this.parsed.delete(key);
      this.parsed.set(key, kept);
      return kept;
    }
    let result: ParsedManifest;
    try {
      result = {
        ok: true,
        data: parse(content, { maxAliasCount: 100, prettyErrors: false }),
      };
    } catch (error) {
      result = { ok: false, message: (error as Error).message.split('\n')[0] };
    }
    if (this.parsed.size >= this.size) {
      this.parsed.delete(this.parsed.keys().next().value!);
    }
    this.parsed.set(key, result);
    return result;
  }
}
