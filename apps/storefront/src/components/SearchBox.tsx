import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { query } from '../api/client.ts';
import { SUGGEST } from '../api/queries.ts';
import type { Money } from '../api/types.ts';
import './SearchBox.css';

type SuggestAnswer = {
  suggest: { completions: Array<{ text: string }>; products: Array<{ id: string; handle: string; name: string; price: { unit: Money } | null }> };
};
type Option = { id: string; kind: 'completion'; text: string } | { id: string; kind: 'product'; text: string; handle: string; price: string | null };

const DEBOUNCE_MS = 150;

/** The header's search: an ARIA 1.2 combobox with a suggestions listbox (arrow keys, Enter, Escape). */
export function SearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const baseId = useId();
  const listId = `${baseId}-list`;
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  // Show the query of the search page being viewed; clear it elsewhere.
  useEffect(() => {
    setValue(location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '');
    setOpen(false);
  }, [location.pathname, location.search]);

  useEffect(() => {
    const q = value.trim();
    if (!typed.current || q.length < 1) return void setOptions([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      query<SuggestAnswer>(SUGGEST, { q }, { signal: controller.signal })
        .then(({ suggest }) => {
          setOptions([
            ...suggest.completions.map((c, index): Option => ({ id: `${baseId}-c${index}`, kind: 'completion', text: c.text })),
            ...suggest.products.map((p, index): Option => ({ id: `${baseId}-p${index}`, kind: 'product', text: p.name, handle: p.handle, price: p.price?.unit.formatted ?? null })),
          ]);
          setActive(-1);
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, baseId]);

  const expanded = open && options.length > 0;

  function go(option: Option | undefined) {
    typed.current = false;
    setOpen(false);
    setActive(-1);
    if (option?.kind === 'product') return navigate(`/p/${option.handle}`);
    const q = (option?.text ?? value).trim();
    if (option) setValue(q);
    void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!options.length) return;
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // -1 is the input itself: moving past either end comes back to what was typed.
      setActive((current) => {
        const next = current + step;
        return next >= options.length ? -1 : next < -1 ? options.length - 1 : next;
      });
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (value) {
        setValue('');
      }
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      go(options[active]);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    go(undefined);
  }

  const completions = options.filter((option) => option.kind === 'completion');
  const products = options.filter((option) => option.kind === 'product');
  const renderOption = (option: Option) => {
    const index = options.indexOf(option);
    return (
      <li
        key={option.id}
        id={option.id}
        role="option"
        aria-selected={index === active}
        className={`suggestion${index === active ? ' suggestion--active' : ''}`}
        // Keep focus in the input: choose on mousedown's click without blurring first.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => go(option)}
        onMouseEnter={() => setActive(index)}
      >
        <span>{option.text}</span>
        {option.kind === 'product' && option.price && <span className="suggestion__price">from {option.price}</span>}
      </li>
    );
  };

  return (
    <form className="search-box" role="search" onSubmit={onSubmit}>
      <input
        type="text"
        role="combobox"
        aria-label="Search products"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? options[active]?.id : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search products"
        value={value}
        onChange={(event) => {
          typed.current = true;
          setValue(event.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => options.length && setOpen(true)}
        onBlur={() => setOpen(false)}
        className="search-box__input"
      />
      <button type="submit" className="search-box__submit" aria-label="Search">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" d="M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15Zm5.3-2.2L21 21" />
        </svg>
      </button>
      <div id={listId} role="listbox" aria-label="Suggestions" className="search-box__list" hidden={!expanded}>
        {completions.length > 0 && (
          <ul role="group" aria-label="Searches" className="suggestion-group">
            {completions.map(renderOption)}
          </ul>
        )}
        {products.length > 0 && (
          <ul role="group" aria-label="Products" className="suggestion-group">
            <li role="presentation" aria-hidden="true" className="suggestion-group__label">
              Products
            </li>
            {products.map(renderOption)}
          </ul>
        )}
      </div>
    </form>
  );
}
