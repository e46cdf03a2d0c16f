import { Link } from 'react-router';
import type { ProductSummary } from '../api/types.ts';
import { ProductImage } from './ProductImage.tsx';
import './ProductCard.css';

/** A product tile. The whole tile is clickable, but its one link is named by the product name alone. */
export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <article className="product-card">
      <ProductImage src={product.image} name={product.name} />
      <div className="product-card__body">
        {product.brand && <p className="product-card__brand">{product.brand.name}</p>}
        <Link to={`/p/${product.handle}`} className="product-card__link">
          <h3 className="product-card__name">{product.name}</h3>
        </Link>
        <p className="product-card__meta">
          {/* The product's price is its cheapest variant's: say so, variants can cost more. */}
          {product.price ? (
            <span className="product-card__price">
              <span className="product-card__from">From </span>
              {product.price.unit.formatted}
            </span>
          ) : (
            <span className="muted">Price on request</span>
          )}
          {!product.inStock && <span className="product-card__stock">Out of stock</span>}
        </p>
      </div>
    </article>
  );
}

export function ProductGrid({ products }: { products: ProductSummary[] }) {
  return (
    <ul className="product-grid">
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  );
}

export function ProductGridSkeleton({ count = 8 }: { count?: number }) {
  return (
    <ul className="product-grid" aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        <li key={index} className="product-card product-card--skeleton">
          <div className="product-image" />
          <div className="skeleton-line" />
          <div className="skeleton-line skeleton-line--short" />
        </li>
      ))}
    </ul>
  );
}
