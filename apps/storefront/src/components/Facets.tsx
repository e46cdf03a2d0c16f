import type { Facets as FacetData, FacetValue } from '../api/types.ts';
import './Facets.css';

type Props = {
  facets: FacetData;
  /** Ticks or unticks a value of a group: "category", "brand", or an attribute code as "attr.<code>". */
  onToggle: (group: string, value: string, checked: boolean) => void;
  /** What the viewer ticked (from the URL), so a box changes at once rather than when the results arrive. */
  isSelected: (group: string, value: FacetValue) => boolean;
  showCategory: boolean;
};

type GroupProps = Pick<Props, 'onToggle' | 'isSelected'> & { legend: string; group: string; values: FacetValue[] };

function FacetGroup({ legend, group, values, onToggle, isSelected }: GroupProps) {
  if (!values.length) return null;
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      <ul>
        {values.map((value) => (
          <li key={value.value}>
            <label className="facet__value">
              <input type="checkbox" checked={isSelected(group, value)} onChange={(event) => onToggle(group, value.value, event.target.checked)} />
              <span>{`${value.label} (${value.count})`}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The search's facets as checkbox groups, one fieldset per facet. */
export function Facets({ facets, onToggle, isSelected, showCategory }: Props) {
  const common = { onToggle, isSelected };
  return (
    <div className="facets">
      {showCategory && <FacetGroup legend="Category" group="category" values={facets.category} {...common} />}
      <FacetGroup legend="Brand" group="brand" values={facets.brand} {...common} />
      {facets.attributes.map((attribute) => (
        <FacetGroup key={attribute.code} legend={attribute.label} group={`attr.${attribute.code}`} values={attribute.values} {...common} />
      ))}
    </div>
  );
}
