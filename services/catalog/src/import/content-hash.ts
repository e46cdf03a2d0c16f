import { createHash } from 'node:crypto';
import type { ImportProduct } from './validate-product.ts';

/**
 * JSON with object keys sorted at every level (PostgreSQL's jsonb does not keep key order). Written
 * into one string without intermediate arrays: it runs for every product of an import. Stored
 * hashes depend on this exact output.
 */
export function canonical(value: unknown): string {
  let out = '';
  const write = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out += JSON.stringify(v);
    } else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += ',';
        if (v[i] !== undefined) write(v[i]); // as Array.prototype.join renders it
      }
      out += ']';
    } else {
      const keys = Object.keys(v).sort();
      out += '{';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ',';
        out += JSON.stringify(keys[i]);
        out += ':';
        write((v as Record<string, unknown>)[keys[i]!]);
      }
      out += '}';
    }
  };
  write(value);
  return out;
}

/** A digest of everything an import writes to a product (not its line, not the brand's display name). */
export function contentHash(product: ImportProduct, brandId: string | null): string {
  const { line: _line, rows: _rows, locate: _locate, brand: _brand, ...content } = product;
  return createHash('sha256').update(canonical({ ...content, brandId })).digest('base64url');
}

/**
 * The value kept in `products.content_hash`: the digest with the version it was written at. Any
 * other write bumps the version, so the stored value stops matching and the next import of the
 * same content is treated as a change instead of being skipped.
 */
export function storedHash(version: number, digest: string): string {
  return `${version}:${digest}`;
}
