/** Under a paged table: how many rows are shown, and "Load more" while the server has more. */
export function TableFooter(props: { count: number; noun: string; hasMore: boolean; loading?: boolean; onMore: () => void }) {
  const { count, noun, hasMore, loading = false, onMore } = props;
  return (
    <p className="table-footer">
      {count} {noun}
      {count === 1 ? '' : 's'} shown
      {hasMore && (
        <button type="button" className="button" onClick={onMore} disabled={loading}>
          Load more
        </button>
      )}
    </p>
  );
}
