import DataLoader from 'dataloader';
import { covered, existingPages, planListFetch, type ListState } from '../plan/list-fetch.ts';
import { pageRange, type ItemWindow, type PagePlan } from '../plan/pages.ts';
import { asError } from '../errors/as-error.ts';

/**
 * A per-request DataLoader of item windows over one kind of paged GitHub list, generic in the list
 * (`L`, named by `scopeOf`) and its items (`T`), for jobs and runs alike. It executes the list-fetch
 * rules of plan/list-fetch.ts (which the cost limit runs too):
 * - all windows of one list asked in the same tick are merged into one page plan;
 * - windows that earlier pages of this request already cover are served without a call;
 * - while the list's length is unknown, a plan of several pages asks its first page alone, so no call
 *   is spent on a page past the end;
 * - a failed page fails only the windows that needed it.
 */
export interface ListPageResult<T> {
  total: number;
  items: T[];
}

export interface ItemWindowKey<L> extends ItemWindow {
  list: L;
}

export interface ItemWindowResult<T> {
  /** GitHub's total_count for the list. */
  total: number;
  /** The items at [offset, min(offset + count, total)). */
  items: T[];
}

export interface ListWindowLoaderOptions<L, T> {
  scopeOf(list: L): string;
  fetchPage(list: L, perPage: number, page: number): Promise<ListPageResult<T>>;
  /** Called for every item a page brought (to prime by-id loaders). */
  onItem?(list: L, item: T): void;
}

interface ListKnowledge<T> extends ListState {
  byPosition: Map<number, T>;
}

interface PageKey<L> {
  list: L;
  perPage: number;
  page: number;
}

export function createListWindowLoader<L, T>({ scopeOf, fetchPage, onItem }: ListWindowLoaderOptions<L, T>): DataLoader<ItemWindowKey<L>, ItemWindowResult<T>, string> {
  const lists = new Map<string, ListKnowledge<T>>();
  const knowledgeOf = (list: L): ListKnowledge<T> => {
    const scope = scopeOf(list);
    let known = lists.get(scope);
    if (!known) {
      const byPosition = new Map<number, T>();
      lists.set(scope, (known = { total: undefined, byPosition, has: (position) => byPosition.has(position) }));
    }
    return known;
  };

  const page = new DataLoader<PageKey<L>, ListPageResult<T>, string>(
    (keys) =>
      Promise.all(
        keys.map(async ({ list, perPage, page: number }) => {
          try {
            const result = await fetchPage(list, perPage, number);
            const known = knowledgeOf(list);
            known.total = result.total;
            result.items.forEach((item, index) => {
              known.byPosition.set((number - 1) * perPage + index, item);
              onItem?.(list, item);
            });
            return result;
          } catch (error) {
            return asError(error);
          }
        }),
      ),
    { cacheKeyFn: (key) => `${scopeOf(key.list)}|${key.perPage}|${key.page}` },
  );

  /** Executes one tick's fetch of a list: the pages to ask now, then (head first) the rest that exist. */
  const loadPlannedPages = async (list: L, plan: PagePlan, now: number[], headFirst: boolean): Promise<Array<ListPageResult<T> | Error>> => {
    const keyOf = (p: number): PageKey<L> => ({ list, perPage: plan.perPage, page: p });
    const asked = await page.loadMany(now.map(keyOf));
    const byPage = new Map(now.map((p, i) => [p, asked[i] as ListPageResult<T> | Error]));
    const head = asked[0];
    if (headFirst && head !== undefined) {
      if (head instanceof Error) return plan.pages.map(() => head);
      const rest = existingPages(plan, head.total).filter((p) => !byPage.has(p));
      const others = await page.loadMany(rest.map(keyOf));
      rest.forEach((p, i) => byPage.set(p, others[i] as ListPageResult<T> | Error));
    }
    // Pages past the end were not asked: they hold nothing.
    const total = head instanceof Error || head === undefined ? (knowledgeOf(list).total ?? 0) : head.total;
    return plan.pages.map((p) => byPage.get(p) ?? { total, items: [] });
  };

  const loadWindows = async (keys: readonly ItemWindowKey<L>[]): Promise<Array<ItemWindowResult<T> | Error>> => {
    const byList = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const scope = scopeOf(key.list);
      byList.set(scope, [...(byList.get(scope) ?? []), index]);
    });
    const results: Array<ItemWindowResult<T> | Error> = new Array(keys.length);
    await Promise.all(
      [...byList.values()].map(async (indexes) => {
        const at = (i: number) => keys[i] as ItemWindowKey<L>;
        const list = at(indexes[0] as number).list;
        const state: ListState = knowledgeOf(list);
        const missing = indexes.filter((i) => !covered(state, at(i)));
        const fetch = planListFetch(indexes.map(at), state);
        const pages = fetch ? await loadPlannedPages(list, fetch.plan, fetch.now, fetch.headFirst) : [];
        for (const index of indexes) {
          results[index] = fromKnowledge(knowledgeOf(list), at(index));
        }
        fetch?.plan.pages.forEach((p, i) => {
          const result = pages[i];
          if (!(result instanceof Error)) return;
          for (const index of missing) if (touches(at(index), pageRange(fetch.plan.perPage, p))) results[index] = result;
        });
      }),
    );
    return results;
  };

  return new DataLoader<ItemWindowKey<L>, ItemWindowResult<T>, string>(loadWindows, {
    cacheKeyFn: (key) => `${scopeOf(key.list)}|${key.offset}|${key.count}`,
  });
}

function fromKnowledge<T>(known: ListKnowledge<T>, window: ItemWindow): ItemWindowResult<T> {
  const total = known.total ?? 0;
  const items: T[] = [];
  const end = Math.min(window.offset + window.count, total);
  for (let position = window.offset; position < end; position++) {
    const item = known.byPosition.get(position);
    if (item !== undefined) items.push(item);
  }
  return { total, items };
}

function touches(a: ItemWindow, b: ItemWindow): boolean {
  return a.count > 0 && a.offset < b.offset + b.count && b.offset < a.offset + a.count;
}
