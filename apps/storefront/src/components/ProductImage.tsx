import { useState } from 'react';
import './ProductImage.css';

/** Deterministic hue per product, so image-less products still look distinct and intentional. */
function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % 360;
}

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .slice(-2)
    .map((word) => word[0])
    .join('');
}

/**
 * The product's picture over a calm placeholder with its initials: the placeholder shows until the
 * picture has loaded, and stays if it fails (no broken-image icon). Decorative: the name is always next to it.
 */
export function ProductImage({ src, name, size = 'card' }: { src: string | null | undefined; name: string; size?: 'card' | 'large' | 'thumb' }) {
  const [state, setState] = useState<{ src: string; status: 'loaded' | 'failed' } | null>(null);
  const status = state && state.src === src ? state.status : 'loading';
  const hue = hueOf(name);
  return (
    <div
      className={`product-image product-image--${size}`}
      style={{ background: `linear-gradient(135deg, hsl(${hue} 35% 90%), hsl(${(hue + 40) % 360} 30% 80%))`, color: `hsl(${hue} 40% 25%)` }}
      aria-hidden="true"
    >
      {status !== 'loaded' && <span className="product-image__initials">{initialsOf(name)}</span>}
      {src && status !== 'failed' && (
        <img
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          className={status === 'loaded' ? 'product-image__img product-image__img--loaded' : 'product-image__img'}
          onLoad={() => setState({ src, status: 'loaded' })}
          onError={() => setState({ src, status: 'failed' })}
        />
      )}
    </div>
  );
}
