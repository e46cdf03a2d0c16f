import { Link } from 'react-router';
import { HOME } from '../api/queries.ts';
import type { Category, ProductSummary } from '../api/types.ts';
import { ErrorNotice } from '../components/Feedback.tsx';
import { ProductGrid, ProductGridSkeleton } from '../components/ProductCard.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { useTitle } from '../lib/useTitle.ts';
import './HomePage.css';

type HomeData = { categories: Category[]; search: { items: ProductSummary[] } };

export default function HomePage() {
  useTitle(undefined);
  const { data, error, loading, refetch } = useQuery<HomeData>(HOME);
  return (
    <>
      <section className="hero">
        <div className="hero__text">
          <p className="hero__eyebrow">New season, same fair prices</p>
          <h1>Everyday things, made to last.</h1>
          <p className="hero__lead">Clothing, footwear, home and outdoor gear from brands we trust. Free returns within 30 days.</p>
          <Link to="/search" className="button">
            Shop all products
          </Link>
        </div>
      </section>

      {error !== undefined && <ErrorNotice error={error} retry={() => void refetch()} />}

      <section aria-labelledby="categories-heading" className="home-section">
        <h2 id="categories-heading">Shop by category</h2>
        {loading && !data ? (
          <ul className="category-tiles" aria-hidden="true">
            {[0, 1, 2, 3].map((index) => (
              <li key={index} className="category-tile category-tile--skeleton" />
            ))}
          </ul>
        ) : (
          <ul className="category-tiles">
            {data?.categories.map((category, index) => (
              <li key={category.id}>
                <Link to={`/c/${category.id}`} className={`category-tile category-tile--${index % 4}`}>
                  <span className="category-tile__name">{category.name}</span>
                  {category.children.length > 0 && <span className="category-tile__sub">{category.children.map((child) => child.name).join(' · ')}</span>}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="featured-heading" className="home-section">
        <div className="home-section__head">
          <h2 id="featured-heading">Featured products</h2>
          <Link to="/search">View all</Link>
        </div>
        {loading && !data ? <ProductGridSkeleton /> : <ProductGrid products={data?.search.items ?? []} />}
      </section>
    </>
  );
}
