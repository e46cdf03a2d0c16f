import { Link } from 'react-router';
import { EmptyState } from '../components/Feedback.tsx';
import { useTitle } from '../lib/useTitle.ts';

export default function NotFoundPage() {
  useTitle('Page not found');
  return (
    <>
      <h1 className="visually-hidden">Page not found</h1>
      <EmptyState title="We could not find that page">
        <p>It may have moved, or the link may be mistyped.</p>
        <Link to="/" className="button">
          Go to the home page
        </Link>
      </EmptyState>
    </>
  );
}
