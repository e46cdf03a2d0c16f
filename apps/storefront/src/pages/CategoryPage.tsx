import { useParams } from 'react-router';
import { CATEGORIES } from '../api/queries.ts';
import type { Category } from '../api/types.ts';
import { Listing } from '../components/Listing.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { useTitle } from '../lib/useTitle.ts';

function findCategory(categories: Category[], id: string): Category | undefined {
  for (const category of categories) {
    if (category.id === id) return category;
    const found = findCategory(category.children ?? [], id);
    if (found) return found;
  }
  return undefined;
}

export default function CategoryPage() {
  const { categoryId = '' } = useParams();
  // The same document as the header's, so this is usually answered from the persisted query at once.
  const { data } = useQuery<{ categories: Category[] }>(CATEGORIES);
  const category = data ? findCategory(data.categories, categoryId) : undefined;
  const heading = category?.name ?? (data ? 'Category' : 'Loading…');
  useTitle(category?.name);
  return <Listing key={categoryId} heading={heading} baseCategory={categoryId} />;
}
