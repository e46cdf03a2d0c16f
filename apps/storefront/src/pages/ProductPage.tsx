import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/errors.ts';
import { PRODUCT } from '../api/queries.ts';
import type { Product, Variant } from '../api/types.ts';
import { useCart } from '../cart/CartContext.tsx';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback.tsx';
import { ProductImage } from '../components/ProductImage.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { variantLabel } from '../lib/variant-label.ts';
import { useTitle } from '../lib/useTitle.ts';
import './ProductPage.css';

const firstAvailable = (variants: Variant[]) => variants.find((variant) => variant.availability.inStock) ?? variants[0];

function VariantChoice({ variants, selected, onSelect, productName }: { variants: Variant[]; selected: string | undefined; onSelect: (sku: string) => void; productName: string }) {
  return (
    <fieldset className="variants">
      <legend>Variant</legend>
      <div className="variants__options">
        {variants.map((variant) => (
          <label key={variant.sku} className={`variant${variant.availability.inStock ? '' : ' variant--unavailable'}`}>
            <input type="radio" name="variant" value={variant.sku} checked={variant.sku === selected} onChange={() => onSelect(variant.sku)} />
            <span>{variantLabel(variant.name, productName)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function AddToCart({ product, variant }: { product: Product; variant: Variant | undefined }) {
  const { add } = useCart();
  const [quantity, setQuantity] = useState(1);
  const [state, setState] = useState<{ busy: boolean; added: boolean; error: unknown }>({ busy: false, added: false, error: undefined });
  const inStock = variant?.availability.inStock ?? false;

  useEffect(() => void setState({ busy: false, added: false, error: undefined }), [variant?.sku]);

  async function onAdd() {
    if (!variant) return;
    setState({ busy: true, added: false, error: undefined });
    try {
      await add(variant.sku, quantity);
      setState({ busy: false, added: true, error: undefined });
    } catch (error) {
      setState({ busy: false, added: false, error });
    }
  }

  return (
    <div className="buy">
      <div className="buy__row">
        <label className="buy__quantity">
          <span>Quantity</span>
          <input
            type="number"
            min={1}
            max={99}
            value={quantity}
            onChange={(event) => setQuantity(Math.max(1, Math.min(99, Number(event.target.value) || 1)))}
          />
        </label>
        <button type="button" className="button buy__button" onClick={() => void onAdd()} disabled={!inStock || state.busy || !variant}>
          {state.busy ? 'Adding…' : 'Add to cart'}
        </button>
      </div>
      <p role="status" className={state.added ? 'notice notice--success buy__status' : 'buy__status'}>
        {state.added ? 'Added to cart' : ''}
        {state.added && (
          <>
            {' — '}
            <Link to="/cart">view your cart</Link>
          </>
        )}
      </p>
      {state.error !== undefined && (
        <p role="alert" className="notice notice--error">
          {describeError(state.error)}
        </p>
      )}
    </div>
  );
}

export default function ProductPage() {
  const { handle = '' } = useParams();
  const { data, error, loading, refetch } = useQuery<{ product: Product | null }>(PRODUCT, { handle });
  const product = data?.product ?? null;
  const [sku, setSku] = useState<string | undefined>();
  useTitle(product?.name);

  useEffect(() => void setSku(product ? firstAvailable(product.variants)?.sku : undefined), [product]);

  if (loading && !data) return <Loading label="Loading product…" />;
  if (error !== undefined) return <ErrorNotice error={error} retry={() => void refetch()} />;
  if (!product) {
    return (
      <EmptyState title="Product not found">
        <p>It may no longer be available.</p>
        <Link to="/search" className="button">
          Browse all products
        </Link>
      </EmptyState>
    );
  }

  const variant = product.variants.find((candidate) => candidate.sku === sku);
  const price = variant?.price ?? product.price;
  const inStock = variant ? variant.availability.inStock : product.inStock;
  const image = product.images[0] ?? product.image;

  return (
    <article className="product">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          {product.category && (
            <li>
              <Link to={`/c/${product.category.id}`}>{product.category.name}</Link>
            </li>
          )}
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>
      <div className="product__layout">
        <div className="product__media">
          <ProductImage src={image} name={product.name} size="large" />
        </div>
        <div className="product__info">
          {product.brand && <p className="product__brand">{product.brand.name}</p>}
          <h1>{product.name}</h1>
          <p className="product__price">
            {price ? price.unit.formatted : <span className="muted">Price unavailable</span>}
            {price?.kind === 'contract' && <span className="product__price-kind">Your contract price</span>}
          </p>
          <p className={inStock ? 'product__stock product__stock--in' : 'product__stock product__stock--out'}>
            <span aria-hidden="true" className="product__stock-dot" />
            {inStock ? 'In stock' : 'Out of stock'}
            {inStock && variant && variant.availability.available > 0 && variant.availability.available <= 5 && (
              <span className="muted"> — only {variant.availability.available} left</span>
            )}
          </p>
          {product.variants.length > 1 && <VariantChoice variants={product.variants} selected={sku} onSelect={setSku} productName={product.name} />}
          <AddToCart product={product} variant={variant} />
          {product.description && <p className="product__description">{product.description}</p>}
          {product.attributes.length > 0 && (
            <dl className="product__attributes">
              {product.attributes.map((attribute) => (
                <div key={attribute.code}>
                  <dt>{attribute.label}</dt>
                  <dd>{attribute.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
    </article>
  );
}
