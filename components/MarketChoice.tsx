import { MARKET_GROUPS, marketGroups } from "@/lib/filters";
import type { Market } from "@/lib/companies/ids";

/**
 * Market checkboxes in the filter form: A股 (Shanghai and Shenzhen), 港股, 美股.
 * A box's value may hold two markets ("sh,sz"); the checked boxes are sent as
 * repeated `market` parameters, which read as one list. A single exchange
 * asked for in the URL (沪市 alone) gets a box of its own, so the form keeps it.
 */
export function MarketChoice({ selected }: { selected: Market[] }) {
  const extra = marketGroups(selected).filter((group) => !MARKET_GROUPS.some((g) => g.label === group.label));
  const choices = [...MARKET_GROUPS, ...extra];
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-medium">市场</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {choices.map((choice) => (
          <label key={choice.label} className="inline-flex min-h-9 cursor-pointer items-center gap-1.5">
            <input
              type="checkbox"
              name="market"
              value={choice.markets.join(",")}
              defaultChecked={choice.markets.every((m) => selected.includes(m))}
              className="size-4 accent-sky-700"
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
