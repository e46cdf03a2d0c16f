import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';

export default function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no admin page here. Go to the <Link to="/orders">order board</Link>.
      </p>
    </>
  );
}
