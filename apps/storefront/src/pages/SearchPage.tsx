import { useSearchParams } from 'react-router';
import { Listing } from '../components/Listing.tsx';
import { useTitle } from '../lib/useTitle.ts';

export default function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim();
  const heading = q ? `Results for “${q}”` : 'All products';
  useTitle(heading);
  return <Listing heading={heading} />;
}
