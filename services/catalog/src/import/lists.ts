/**
 * Lists inside one CSV cell (`channels`, `media`, `media_alt`): items separated by `|`; a literal
 * `|` or `\` inside an item is written `\|` or `\\`.
 */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (c) => `\\${c}`)).join('|');
}

export function splitList(cell: string): string[] {
  if (cell === '') return [];
  if (!cell.includes('\\')) return cell.split('|');
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length) current += cell[++i];
    else if (c === '|') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items;
}
